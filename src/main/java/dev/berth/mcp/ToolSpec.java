package dev.berth.mcp;

import java.util.Map;

/**
 * One tool Berth offers over MCP: its contract (schemas, hints) and what it does.
 *
 * @param inputSchema  JSON schema of the arguments (an object schema)
 * @param outputSchema JSON schema of the structured result (an object schema)
 * @param handler      turns the arguments into the structured result, or fails with {@link ToolFailure}
 */
public record ToolSpec(String name, String title, String description, Map<String, Object> inputSchema,
                       Map<String, Object> outputSchema, Hints hints, Handler handler) {

    /** Write tools are refused unless the server was started with write permission. */
    public boolean writes() {
        return !hints.readOnly();
    }

    @FunctionalInterface
    public interface Handler {
        Map<String, Object> call(Args args) throws ToolFailure;
    }
}
