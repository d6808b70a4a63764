package dev.berth.mcp.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.TestRepo;
import dev.berth.repo.ValidationLimits;
import dev.berth.validate.QuadletGenerator;
import dev.berth.validate.RepositoryValidator;
import dev.berth.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP checks as {@code berth validate} and every sync run them: through {@link RepositoryValidator}. */
class McpValidationTest {

    private static final String HASH = "sha256:" + "a".repeat(64);

    @TempDir
    Path dir;

    private TestRepo repo() {
        return new TestRepo(dir);
    }

    private ValidationReport validate() {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, QuadletGenerator.NONE).validate(dir);
    }

    private List<String> lines() {
        return validate().problems().stream().map(Problem::toString).toList();
    }

    private static String lock(String servers) {
        return "{\"version\": 1, \"servers\": {" + servers + "}}";
    }

    @Test
    void aNameCollisionFailsValidationNamingBothFiles() {
        repo().file("http/everything.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:3001/mcp\n")
                .file("stdio/everything.mcp", "[MCP]\nImage=y\n")
                .file("mcp.lock", lock("\"everything\": {\"echo\": \"" + HASH + "\"}"));
        ValidationReport report = validate();
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.problems()).filteredOn(Problem::isError).extracting(Problem::toString).containsExactly(
                "http/everything.container:4: error: the MCP server name 'everything' is also declared at"
                        + " stdio/everything.mcp:1: server names namespace their tools (everything__TOOL), so each must"
                        + " be unique; rename one (MCPName=)",
                "stdio/everything.mcp:1: error: the MCP server name 'everything' is also declared at"
                        + " http/everything.container:4: server names namespace their tools (everything__TOOL), so each"
                        + " must be unique; rename one (the file)");
        // the lock entry belongs to the colliding name: not reported as stale on top
        assertThat(report.problems()).noneMatch(p -> p.file().equals("mcp.lock"));
    }

    @Test
    void declaredServersCoveredByTheLockValidateCleanly() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:3001/mcp\n")
                .file("tools.mcp", "[MCP]\nImage=y\n")
                .file("mcp.lock", lock("\"web\": {\"echo\": \"" + HASH + "\"}, \"tools\": {}"));
        assertThat(lines()).isEmpty();
    }

    @Test
    void mcpFilesAreNeitherUnitsNorInstalled() {
        repo().file("web.container", "[Container]\nImage=x\n").file("sub/tools.mcp", "[MCP]\nImage=y\n");
        RepositoryScan scan = repo().read();
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.unitPaths()).containsExactly("web.container");
        assertThat(scan.desired().files().values()).extracting(f -> f.source()).doesNotContain("sub/tools.mcp");
        assertThat(scan.desired().files().keySet()).noneMatch(target -> target.endsWith(".mcp"));
    }

    @Test
    void aServerMissingFromTheLockIsAWarningThatItsToolsAreWithheld() {
        repo().file("tools.mcp", "[MCP]\nImage=y\n");
        assertThat(lines()).containsExactly("tools.mcp:1: warning: MCP server 'tools' has no entry in mcp.lock: its tools"
                + " are withheld until you run berth mcp lock and commit mcp.lock");
        assertThat(validate().hasErrors()).isFalse();
    }

    @Test
    void aLockEntryNobodyDeclaresIsAWarning() {
        repo().file("mcp.lock", lock("\"gone\": {}"));
        assertThat(lines()).containsExactly("mcp.lock:0: warning: has an entry for MCP server 'gone', which the"
                + " repository does not declare: run berth mcp lock again to drop it");
    }

    @Test
    void aLockEntryOfADeclarationWithErrorsIsNotStale() {
        repo().file("tools.mcp", "[MCP]\nExec=x\n").file("mcp.lock", lock("\"tools\": {}"));
        assertThat(lines()).singleElement().asString().startsWith("tools.mcp:1: error: [MCP] has no Image=");
    }

    @Test
    void anUnreadableLockIsAnError() {
        repo().file("tools.mcp", "[MCP]\nImage=y\n").file("mcp.lock", "{\"version\": 1, \"servers\": ");
        assertThat(lines()).singleElement().asString().startsWith("mcp.lock:0: error: not JSON (")
                .endsWith("): regenerate it with berth mcp lock");

        repo().file("mcp.lock", lock("\"tools\": {\"echo\": \"md5:abc\"}"));
        assertThat(lines()).containsExactly("mcp.lock:0: error: servers.tools.echo is not a sha256:HEX hash");

        repo().file("mcp.lock", "{\"version\": 2, \"servers\": {}}");
        assertThat(lines()).containsExactly("mcp.lock:0: error: unsupported lock version 2 (this Berth reads version 1)");
    }

    @Test
    void aLockLinkedFromOutsideIsAnError() {
        repo().symlink("mcp.lock", "/etc/hostname");
        assertThat(lines()).singleElement().asString()
                .isEqualTo("mcp.lock:0: error: is a symlink to /etc/hostname, outside the repository: commit the lock file itself");
    }

    @Test
    void namespacedToolNamesClientsCannotUseAreErrors() {
        String longName = "t".repeat(122);
        repo().file("tools.mcp", "[MCP]\nImage=y\nDenyTools=skipped has:colon\n")
                .file("mcp.lock", lock("\"tools\": {\"ok\": \"" + HASH + "\", \"" + longName + "\": \"" + HASH
                        + "\", \"has space\": \"" + HASH + "\", \"skipped\": \"" + HASH + "\", \"has:colon\": \"" + HASH + "\"}"));
        assertThat(lines()).satisfiesExactly(
                p -> assertThat(p).startsWith("mcp.lock:0: error: tool 'has space' of server 'tools' would be served as"
                        + " 'tools__has space', which clients refuse: a tool name may contain only letters, digits, '_',"
                        + " '-' and '.'; in tools.mcp, list the tools to serve (AllowTools=)"),
                p -> assertThat(p).startsWith("mcp.lock:0: error: tool '" + longName + "' of server 'tools' would be served as"
                        + " 'tools__ttt").endsWith("...', which clients refuse: a tool name must be 1 to 128 characters long;"
                        + " in tools.mcp, shorten the server's name, deny the tool (DenyTools=" + longName + ") or list"
                        + " the tools to serve (AllowTools=)"));
    }

    @Test
    void anAllowedToolTheLockDoesNotListIsAWarning() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\nMCPAllowTools=echo ehco\n")
                .file("mcp.lock", lock("\"web\": {\"echo\": \"" + HASH + "\"}"));
        assertThat(lines()).containsExactly("web.container:4: warning: server 'web' allows tool 'ehco', which mcp.lock"
                + " does not list: check the name, or run berth mcp lock again");
    }

    @Test
    void unknownXBerthKeysStillWarnButTheMcpKeysAreKnown() {
        repo().file("web.container", "[Container]\nImage=x\n[X-Berth]\nMCP=http://127.0.0.1:1/mcp\nMCPName=w\n"
                + "MCPAllowTools=a\nMCPDenyTools=b\nMCPTimeout=5s\nMCPMaxConcurrentCalls=2\nMCPColour=red\n")
                .file("mcp.lock", lock("\"w\": {\"a\": \"" + HASH + "\"}"));
        assertThat(lines()).singleElement().asString().startsWith("web.container:10: warning: unknown setting 'MCPColour' in [X-Berth]");
    }
}
