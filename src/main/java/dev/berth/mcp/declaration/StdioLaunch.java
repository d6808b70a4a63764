package dev.berth.mcp.declaration;

import java.util.ArrayList;
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

    /** Label on every container Berth starts for a stdio server, valued with the server's name. */
    public static final String SERVER_LABEL = "berth.mcp.server";
    public static final int PIDS_LIMIT = 256;

    public StdioLaunch {
        args = List.copyOf(args);
        environment = List.copyOf(environment);
    }

    /**
     * The arguments after {@code podman} that start one session's server: removed when it exits, stdin kept
     * open for the protocol, no new privileges, every capability dropped, bounded memory, CPUs and process
     * count, no network unless declared, and a read-only root with a writable {@code /tmp} unless
     * {@code ReadOnly=false}. The image comes last but for its arguments, so nothing declared can add
     * podman options.
     *
     * @param serverName    the declared server's name, for the label (to find and clean up its containers)
     * @param containerName a name unique to this session's container
     */
    public List<String> podmanRunArgs(String serverName, String containerName) {
        List<String> out = new ArrayList<>(List.of("run", "--rm", "-i", "--name", containerName,
                "--label", SERVER_LABEL + "=" + serverName, "--network=" + network));
        if (readOnly) {
            out.addAll(List.of("--read-only", "--tmpfs", "/tmp"));
        }
        out.addAll(List.of("--security-opt=no-new-privileges", "--cap-drop=all", "--memory=" + memory, "--cpus=" + cpus,
                "--pids-limit=" + PIDS_LIMIT));
        for (String variable : environment) {
            out.addAll(List.of("--env", variable));
        }
        out.add(image);
        out.addAll(args);
        return List.copyOf(out);
    }
}
