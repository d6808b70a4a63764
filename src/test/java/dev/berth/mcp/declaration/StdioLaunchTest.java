package dev.berth.mcp.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StdioLaunchTest {

    @Test
    void defaultsRunTheServerSandboxedWithoutNetwork() {
        StdioLaunch launch = new StdioLaunch("docker.io/mcp/everything:1", List.of("stdio"), StdioLaunch.DEFAULT_NETWORK,
                StdioLaunch.DEFAULT_MEMORY, StdioLaunch.DEFAULT_CPUS, List.of(), true);
        assertThat(launch.podmanRunArgs("everything", "berth-mcp-everything-1")).containsExactly(
                "run", "--rm", "-i", "--name", "berth-mcp-everything-1", "--label", "berth.mcp.server=everything",
                "--network=none", "--read-only", "--tmpfs", "/tmp", "--security-opt=no-new-privileges", "--cap-drop=all",
                "--memory=256m", "--cpus=1", "--pids-limit=256", "docker.io/mcp/everything:1", "stdio");
    }

    @Test
    void declaredSettingsAndEnvironmentComeBeforeTheImageAndArgumentsAfter() {
        StdioLaunch launch = new StdioLaunch("img", List.of("--flag", "two words"), "pasta", "1g", "0.5",
                List.of("A=1", "B=two words"), false);
        List<String> args = launch.podmanRunArgs("fs", "c1");
        assertThat(args).containsSubsequence("--network=pasta", "--memory=1g", "--cpus=0.5", "--env", "A=1", "--env",
                "B=two words", "img", "--flag", "two words");
        assertThat(args).doesNotContain("--read-only", "--tmpfs").contains("--security-opt=no-new-privileges", "--cap-drop=all");
        assertThat(args.subList(args.indexOf("img"), args.size())).containsExactly("img", "--flag", "two words");
    }

    @Test
    void aDeclarationReadFromAFileLaunchesAsDeclared() {
        McpServerDeclaration d = new McpServerDeclaration("x", "x.mcp", 1, null, null,
                new StdioLaunch("i", List.of(), "none", "256m", "1", List.of(), true), java.util.Set.of(), java.util.Set.of(),
                McpServerDeclaration.DEFAULT_CALL_TIMEOUT, 1);
        assertThat(d.launch().podmanRunArgs(d.name(), "n")).contains("berth.mcp.server=x").endsWith("i");
    }
}
