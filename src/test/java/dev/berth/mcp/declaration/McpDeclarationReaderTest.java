package dev.berth.mcp.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.Problem;
import dev.berth.repo.TestRepo;
import dev.berth.repo.ValidationLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpDeclarationReaderTest {

    @TempDir
    Path dir;

    private TestRepo repo() {
        return new TestRepo(dir);
    }

    private McpDeclarations read() {
        return McpDeclarationReader.read(dir, repo().read());
    }

    private List<String> problems() {
        return read().problems().stream().map(Problem::toString).toList();
    }

    private McpServerDeclaration only() {
        McpDeclarations d = read();
        assertThat(d.problems()).isEmpty();
        assertThat(d.servers()).hasSize(1);
        return d.servers().getFirst();
    }

    // ---- HTTP servers ----

    @Test
    void containerWithMcpDeclaresAnHttpServerNamedAfterTheUnit() {
        repo().file("apps/everything-http.container", "[Container]\nImage=x\nPublishPort=127.0.0.1:3001:3001\n"
                + "[X-Berth]\nMCP=http://127.0.0.1:3001/mcp\n");
        McpServerDeclaration d = only();
        assertThat(d.name()).isEqualTo("everything-http");
        assertThat(d.source()).isEqualTo("apps/everything-http.container");
        assertThat(d.line()).isEqualTo(5);
        assertThat(d.endpoint()).isEqualTo(URI.create("http://127.0.0.1:3001/mcp"));
        assertThat(d.unit()).isEqualTo("everything-http.container");
        assertThat(d.isStdio()).isFalse();
        assertThat(d.allowTools()).isEmpty();
        assertThat(d.denyTools()).isEmpty();
        assertThat(d.callTimeout()).isEqualTo(McpServerDeclaration.DEFAULT_CALL_TIMEOUT);
        assertThat(d.maxConcurrentCalls()).isEqualTo(McpServerDeclaration.DEFAULT_MAX_CONCURRENT_CALLS);
    }

    @Test
    void httpSettingsAreRead() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nMCP=https://localhost:8443/v1/mcp?x=1\n"
                + "MCPName=tools\nMCPAllowTools=echo add\nMCPAllowTools=sum\nMCPDenyTools=\nMCPDenyTools=rm\n"
                + "MCPTimeout=2min 5s\nMCPMaxConcurrentCalls=3\n");
        McpServerDeclaration d = only();
        assertThat(d.name()).isEqualTo("tools");
        assertThat(d.endpoint()).hasScheme("https").hasPath("/v1/mcp");
        assertThat(d.allowTools()).containsExactlyInAnyOrder("echo", "add", "sum");
        assertThat(d.denyTools()).containsExactly("rm");
        assertThat(d.callTimeout()).isEqualTo(Duration.ofSeconds(125));
        assertThat(d.maxConcurrentCalls()).isEqualTo(3);
    }

    @Test
    void anEmptyAssignmentResetsTheToolList() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n"
                + "MCPAllowTools=a b\nMCPAllowTools=\nMCPAllowTools=c\n");
        assertThat(only().allowTools()).containsExactly("c");
    }

    @Test
    void aDropInCanDeclareChangeAndClearTheServer() {
        repo().file("web.container", "[Container]\nImage=x\n")
                .file("web.container.d/50-mcp.conf", "[X-Berth]\nMCP=http://127.0.0.1:3001/mcp\nMCPName=web-tools\n");
        McpServerDeclaration d = only();
        assertThat(d.name()).isEqualTo("web-tools");
        assertThat(d.source()).isEqualTo("web.container.d/50-mcp.conf");
        assertThat(d.line()).isEqualTo(2);

        repo().file("web.container.d/60-port.conf", "[X-Berth]\nMCP=http://127.0.0.1:4000/mcp\n");
        assertThat(only().endpoint()).hasPort(4000);

        repo().file("web.container.d/70-off.conf", "[X-Berth]\nMCP=\n");
        McpDeclarations off = read();
        assertThat(off.servers()).isEmpty();
        assertThat(off.problems()).extracting(Problem::toString).containsExactly(
                "web.container.d/50-mcp.conf:3: warning: MCPName= has no effect without MCP=: add"
                        + " MCP=http://127.0.0.1:PORT/PATH to declare the MCP server this unit runs, or remove it");
    }

    @Test
    void mcpOnAUnitThatIsNotAContainerIsAnError() {
        repo().file("web.service", "[Service]\nExecStart=/bin/true\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n");
        McpDeclarations d = read();
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("web.service:4: error: MCP= declares an HTTP MCP server, which only a .container unit can run");
    }

    @Test
    void templatesDeclareThroughTheirInstances() {
        repo().file("tool@.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n")
                .symlink("tool@blue.container", "tool@.container");
        McpServerDeclaration d = only();
        assertThat(d.name()).isEqualTo("tool-blue");
        assertThat(d.unit()).isEqualTo("tool@blue.container");
    }

    @Test
    void aUnitNameThatIsNoServerNameNeedsMcpName() {
        repo().file("My_Tools.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n")
                .file("ok.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:2/mcp\nMCPName=Bad__Name\n");
        McpDeclarations d = read();
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                "My_Tools.container:4: error: the MCP server's name would be the unit's name 'My_Tools', which is not a"
                        + " valid MCP server name: use lower-case letters and digits, words joined by single dashes"
                        + " (e.g. my-tools): add MCPName=my-tools",
                "ok.container:5: error: MCPName='Bad__Name' is not a valid MCP server name: use lower-case letters and"
                        + " digits, words joined by single dashes (e.g. bad-name)");
    }

    @Test
    void badUrlsAreErrorsAndARemoteHostIsAWarning() {
        String unit = "[Container]\nImage=x\n[X-Berth]\nMCP=%s\n";
        repo().file("a.container", unit.formatted("ftp://127.0.0.1/mcp"))
                .file("b.container", unit.formatted("http://127.0.0.1:3001"))
                .file("c.container", unit.formatted("http:///mcp"))
                .file("d.container", unit.formatted("http://user:pw@127.0.0.1/mcp"))
                .file("e.container", unit.formatted("http://127.0.0.1/ mcp"))
                .file("f.container", unit.formatted("http://mcp.example.com/mcp"))
                .file("g.container", unit.formatted("http://[::1]:80/mcp"));
        McpDeclarations d = read();
        assertThat(d.servers()).extracting(McpServerDeclaration::name).containsExactly("f", "g");
        assertThat(d.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("a.container:4: error: MCP='ftp://127.0.0.1/mcp' is not an http:// or https:// URL:"
                        + " write the server's Streamable HTTP endpoint, e.g. MCP=http://127.0.0.1:3001/mcp"),
                p -> assertThat(p).isEqualTo("b.container:4: error: MCP='http://127.0.0.1:3001' has no path: add the"
                        + " endpoint's path, e.g. http://127.0.0.1:3001/mcp"),
                p -> assertThat(p).startsWith("c.container:4: error: MCP='http:///mcp' has no host"),
                p -> assertThat(p).startsWith("d.container:4: error: MCP= carries credentials in the URL"),
                p -> assertThat(p).startsWith("e.container:4: error: MCP='http://127.0.0.1/ mcp' is not a URL"),
                p -> assertThat(p).startsWith("f.container:4: warning: MCP= points at mcp.example.com, not at this"
                        + " host's loopback: Berth connects from the host, so publish the server's port on 127.0.0.1"));
    }

    @Test
    void badHttpCallSettingsAreErrorsAtTheirLine() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n"
                + "MCPTimeout=soon\nMCPMaxConcurrentCalls=0\nMCPAllowTools=ok b@d\nMCPDenyTools=ok\n");
        McpDeclarations d = read();
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                "web.container:5: error: MCPTimeout='soon' is not a time span between 1ms and 1h: write e.g. 30s or 2min",
                "web.container:6: error: MCPMaxConcurrentCalls='0' is not a whole number from 1 to 1024: write e.g. 8",
                "web.container:7: error: MCPAllowTools names 'b@d', which is not an MCP tool name: it may contain only"
                        + " letters, digits, '_', '-' and '.'; write the tool's name as the server lists it, without the"
                        + " server's prefix, separated by spaces",
                "web.container:8: warning: tool 'ok' is both allowed and denied: it is denied (the deny list wins);"
                        + " remove it from one of the lists");
    }

    // ---- stdio servers ----

    @Test
    void mcpFileDeclaresAStdioServerWithSandboxDefaults() {
        repo().file("mcp/everything.mcp", "[MCP]\nImage=docker.io/mcp/everything:latest\n");
        McpServerDeclaration d = only();
        assertThat(d.name()).isEqualTo("everything");
        assertThat(d.source()).isEqualTo("mcp/everything.mcp");
        assertThat(d.line()).isEqualTo(1);
        assertThat(d.isStdio()).isTrue();
        assertThat(d.endpoint()).isNull();
        assertThat(d.unit()).isNull();
        assertThat(d.launch()).isEqualTo(new StdioLaunch("docker.io/mcp/everything:latest", List.of(), "none", "256m",
                "1", List.of(), true));
    }

    @Test
    void everyStdioSettingIsRead() {
        repo().file("fs.mcp", "# a file system server\n[MCP]\nImage=ghcr.io/x/fs:1\n"
                + "Exec=stdio --root \"/srv/my data\" 'it''s' a\\sb\n"
                + "Network=pasta\nMemory=1G\nCPUs=0.5\nEnvironment=A=1 \"B=two words\"\nEnvironment=C=\n"
                + "ReadOnly=no\nAllowTools=read list\nDenyTools=write\nTimeout=10s\nMaxConcurrentCalls=2\n");
        McpServerDeclaration d = only();
        assertThat(d.launch()).isEqualTo(new StdioLaunch("ghcr.io/x/fs:1",
                List.of("stdio", "--root", "/srv/my data", "its", "a b"), "pasta", "1G", "0.5",
                List.of("A=1", "B=two words", "C="), false));
        assertThat(d.allowTools()).containsExactlyInAnyOrder("read", "list");
        assertThat(d.denyTools()).containsExactly("write");
        assertThat(d.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.maxConcurrentCalls()).isEqualTo(2);
    }

    @Test
    void missingImageIsAnError() {
        repo().file("a.mcp", "[MCP]\nExec=x\n").file("b.mcp", "").file("c.mcp", "[MCP]\nImage=x\nImage=\n");
        McpDeclarations d = read();
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                "a.mcp:1: error: [MCP] has no Image=: add Image=REFERENCE, the container image that runs the server on stdio",
                "b.mcp:1: error: has no [MCP] section: a .mcp file declares a stdio MCP server with [MCP] and Image=REFERENCE",
                "c.mcp:1: error: [MCP] has no Image=: add Image=REFERENCE, the container image that runs the server on stdio");
    }

    @Test
    void unknownKeysAndSectionsAreWarnings() {
        repo().file("a.mcp", "[MCP]\nImage=x\nColour=blue\n[Unit]\nDescription=y\n");
        McpDeclarations d = read();
        assertThat(d.servers()).extracting(McpServerDeclaration::name).containsExactly("a");
        assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                "a.mcp:3: warning: unknown setting 'Colour' in [MCP]: Berth knows AllowTools, CPUs, DenyTools,"
                        + " Environment, Exec, Image, MaxConcurrentCalls, Memory, Network, ReadOnly, Timeout",
                "a.mcp:4: warning: section [Unit] is ignored: a .mcp file has only [MCP]");
    }

    @Test
    void badStdioValuesAreErrorsSayingWhatToWrite() {
        repo().file("a.mcp", "[MCP]\nImage=app.build\nExec=run \"unclosed\nNetwork=db.network\nMemory=lots\nCPUs=0\n"
                + "Environment=1X=y novalue\nReadOnly=maybe\nTimeout=0\nMaxConcurrentCalls=many\n")
                .file("b.mcp", "[MCP]\nImage=x\nMemory=1m\nCPUs=-1\nNetwork=two words\n");
        McpDeclarations d = read();
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                "a.mcp:2: error: Image=app.build names a quadlet unit, which podman run does not know: write the image"
                        + " reference itself (for a .build unit, its ImageTag=)",
                "a.mcp:3: error: Exec=: the quote \" is not closed: close it, or escape it as \\\"",
                "a.mcp:4: error: Network='db.network' names a quadlet .network unit, which podman run does not know:"
                        + " write the podman network's name (quadlet calls x.network's network systemd-x unless"
                        + " NetworkName= says otherwise)",
                "a.mcp:5: error: Memory='lots' is not a memory size: write a number with b, k, m or g, e.g. 256m or 1g",
                "a.mcp:6: error: CPUs='0' is not a number of CPUs: write a positive number such as 0.5 or 2",
                "a.mcp:7: error: Environment= has '1X=y', which is not NAME=VALUE: write e.g."
                        + " Environment=LOG_LEVEL=debug \"GREETING=hello world\"",
                "a.mcp:7: error: Environment= has 'novalue', which is not NAME=VALUE: write e.g."
                        + " Environment=LOG_LEVEL=debug \"GREETING=hello world\"",
                "a.mcp:8: error: ReadOnly='maybe' is not a boolean: write true (the default: a read-only root file"
                        + " system with a writable /tmp) or false",
                "a.mcp:9: error: Timeout='0' is not a time span between 1ms and 1h: write e.g. 30s or 2min",
                "a.mcp:10: error: MaxConcurrentCalls='many' is not a whole number from 1 to 1024: write e.g. 8",
                "b.mcp:3: error: Memory='1m' is below the 6m podman allows: write e.g. 256m",
                "b.mcp:4: error: CPUs='-1' is not a number of CPUs: write a positive number such as 0.5 or 2",
                "b.mcp:5: error: Network='two words' is not a podman network: write none (the default), a network's"
                        + " name, or slirp4netns / pasta");
    }

    @Test
    void hostNetworkIsAWarning() {
        repo().file("a.mcp", "[MCP]\nImage=x\nNetwork=host\n");
        McpDeclarations d = read();
        assertThat(d.servers()).singleElement().extracting(s -> s.launch().network()).isEqualTo("host");
        assertThat(d.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("a.mcp:3: warning: Network=host gives the server the host's network");
    }

    @Test
    void fileNameThatIsNoServerNameIsAnError() {
        repo().file("My Server.mcp", "[MCP]\nImage=x\n").file("a__b.mcp", "[MCP]\nImage=x\n");
        assertThat(problems()).containsExactly(
                "My Server.mcp:1: error: the server's name 'My Server' (the file's name) is not a valid MCP server name:"
                        + " use lower-case letters and digits, words joined by single dashes (e.g. my-server): rename"
                        + " the file to my-server.mcp",
                "a__b.mcp:1: error: the server's name 'a__b' (the file's name) is not a valid MCP server name: use"
                        + " lower-case letters and digits, words joined by single dashes (e.g. a-b): rename the file to a-b.mcp");
    }

    @Test
    void syntaxErrorsOversizedAndBinaryFilesAreReported() {
        repo().file("a.mcp", "[MCP]\nImage x\n")
                .file("b.mcp", "[MCP]\nImage=x\n# " + "y".repeat(200) + "\n")
                .bytes("c.mcp", new byte[] {'[', 0, ']'});
        McpDeclarations d = McpDeclarationReader.read(dir, repo().read(), new ValidationLimits(100, 1000));
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("a.mcp:2: error: missing '=' in 'Image x'"),
                p -> assertThat(p).startsWith("b.mcp:0: error: is 217 bytes, more than the limit of 100 bytes"),
                p -> assertThat(p).startsWith("c.mcp:1: error: contains a NUL byte"));
    }

    @Test
    void linksLeavingTheRepositoryAndGitFolderAreNotRead() {
        repo().file("inside.txt", "[MCP]\nImage=x\n")
                .symlink("linked.mcp", "inside.txt")
                .symlink("outside.mcp", "/etc/hostname")
                .symlink("gone.mcp", "nowhere.mcp")
                .file(".git/hooked.mcp", "[MCP]\nImage=x\n");
        McpDeclarations d = read();
        assertThat(d.servers()).extracting(McpServerDeclaration::name).containsExactly("linked");
        assertThat(d.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).isEqualTo("gone.mcp:0: error: is a symlink to a file that does not exist: fix or remove the link"),
                p -> assertThat(p).startsWith("outside.mcp:0: error: is a symlink to /etc/hostname, outside the repository"));
    }

    // ---- names across declarations ----

    @Test
    void twoDeclarationsOfOneNameAreAnErrorOnEachNamingTheOther() {
        repo().file("web/everything.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n")
                .file("stdio/everything.mcp", "[MCP]\nImage=y\n")
                .file("other.mcp", "[MCP]\nImage=z\n");
        McpDeclarations d = read();
        assertThat(d.servers()).extracting(McpServerDeclaration::name).containsExactly("other");
        assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                "stdio/everything.mcp:1: error: the MCP server name 'everything' is also declared at"
                        + " web/everything.container:4: server names namespace their tools (everything__TOOL), so each"
                        + " must be unique; rename one (the file)",
                "web/everything.container:4: error: the MCP server name 'everything' is also declared at"
                        + " stdio/everything.mcp:1: server names namespace their tools (everything__TOOL), so each must"
                        + " be unique; rename one (MCPName=)");
    }

    @Test
    void twoUnitsWithOneMcpNameCollide() {
        String unit = "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:%d/mcp\nMCPName=tools\n";
        repo().file("a.container", unit.formatted(1)).file("b.container", unit.formatted(2)).file("c.container", unit.formatted(3));
        McpDeclarations d = read();
        assertThat(d.servers()).isEmpty();
        assertThat(d.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("a.container:4: error: the MCP server name 'tools' is also declared at"
                        + " b.container:4 and c.container:4:"),
                p -> assertThat(p).startsWith("b.container:4: error: the MCP server name 'tools' is also declared at"
                        + " a.container:4 and c.container:4:"),
                p -> assertThat(p).startsWith("c.container:4: error: the MCP server name 'tools' is also declared at"
                        + " a.container:4 and b.container:4:"));
    }

    @Test
    void serversAreSortedByName() {
        repo().file("zeta.mcp", "[MCP]\nImage=x\n").file("alpha.mcp", "[MCP]\nImage=x\n")
                .file("mid.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\n");
        assertThat(read().servers()).extracting(McpServerDeclaration::name).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void theScansOwnListingIsUsedSoDeclarationsMatchWhatWasScanned() {
        repo().file("a.mcp", "[MCP]\nImage=x\n");
        dev.berth.repo.RepositoryScan scan = repo().read();
        repo().file("b.mcp", "[MCP]\nImage=x\n"); // after the scan: not part of what it listed
        assertThat(McpDeclarationReader.read(dir, scan).servers()).extracting(McpServerDeclaration::name).containsExactly("a");
        dev.berth.repo.RepositoryScan withoutListing = new dev.berth.repo.RepositoryScan(scan.desired(), scan.problems(),
                scan.units(), scan.unitPaths());
        assertThat(McpDeclarationReader.read(dir, withoutListing).servers()).extracting(McpServerDeclaration::name)
                .containsExactly("a", "b");
    }

    @Test
    void aRepositoryWithoutDeclarationsHasNone() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nAutoStart=no\n");
        assertThat(read()).isEqualTo(McpDeclarations.none());
    }

    @Test
    void serverNameRules() {
        assertThat(McpNames.isValidServerName("everything-http")).isTrue();
        assertThat(McpNames.isValidServerName("a1")).isTrue();
        assertThat(Set.of("", "-a", "a-", "a--b", "a__b", "A", "a_b", "a.b", "a".repeat(65)))
                .noneMatch(McpNames::isValidServerName);
        assertThat(McpNames.isValidServerName("a".repeat(64))).isTrue();
        assertThat(McpNames.toolNameProblem("srv__get.thing-1")).isNull();
        assertThat(McpNames.toolNameProblem("x".repeat(129))).isNotNull();
        assertThat(McpNames.toolNameProblem("has space")).isNotNull();
    }
}
