package dev.berth.mcp.gateway;

import java.util.List;

/**
 * How Berth starts a stdio MCP server: {@code podman run --rm -i} with the sandbox below, once per client
 * session. Read from the {@code [MCP]} section of a {@code NAME.mcp} file (keys named as in quadlet's
 * {@code [Container]}).
 *
 * @param image       {@code Image=}
 * @param args        {@code Exec=}: arguments after the image, split like quadlet does (quotes honoured)
 * @param network     {@code Network=}: {@code none} unless the declaration asks for another network
 * @param memory      {@code Memory=}: podman's --memory, default 256m
 * @param cpus        {@code CPUs=}: podman's --cpus, default 1
 * @param environment {@code Environment=}: KEY=VALUE pairs passed with --env
 * @param readOnly    {@code ReadOnly=}: read-only root file system, default true (a tmpfs /tmp is given)
 */
public record StdioLaunch(String image, List<String> args, String network, String memory, String cpus,
                          List<String> environment, boolean readOnly) {

    public static final String DEFAULT_NETWORK = "none";
    public static final String DEFAULT_MEMORY = "256m";
    public static final String DEFAULT_CPUS = "1";

    public StdioLaunch {
        args = List.copyOf(args);
        environment = List.copyOf(environment);
    }
}
