package dev.berth.mcp.gateway;

/** A forwarded request that could not be answered; its message is what the client is told. */
final class ForwardingException extends RuntimeException {
    ForwardingException(String message) {
        super(message, null, false, false);
    }
}
