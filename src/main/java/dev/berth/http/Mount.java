package dev.berth.http;

/**
 * What one feature serves on the daemon's HTTP listener (the console, MCP, metrics, webhooks): it adds its
 * servlets and filters, under its own paths only, to the one {@link HttpEndpoint.Builder}. Closing it lets go
 * of what the feature holds beyond the servlets (sessions, threads); the endpoint is closed after
 * its mounts, so they can end what they serve gracefully.
 */
public interface Mount extends AutoCloseable {

    /** Adds this feature's servlets and filters; a filter must cover only this feature's paths. */
    void mountOn(HttpEndpoint.Builder http);

    @Override
    default void close() {
    }
}
