package dev.berth.cli;

import picocli.CommandLine.Option;

/** {@code berth run}'s options for the one HTTP listener and the web console on it; off unless --listen is given. */
final class ConsoleOptions {

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = {"Serve everything on one address (off by default; HOST defaults to 127.0.0.1): the web console"
                    + " at /, MCP at /mcp (the --mcp-* options apply), Prometheus metrics at /metrics. Sign in to the"
                    + " console with the MCP token ('berth mcp token'). Use it instead of --mcp-listen and --metrics-listen."})
    String listen;

    @Option(names = "--console-allow-write",
            description = {"Let the signed-in console Sync, Roll back and Restart units (default: read-only, no write"
                    + " buttons). Separate from --mcp-allow-write on purpose: a person in a browser and an agent's tools"
                    + " are different risks, so each is allowed on its own. Every write is logged with the token id."})
    boolean allowWrite;
}
