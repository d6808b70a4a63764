package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.repo.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out) {
    }

    private Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new Run(code, out.toString());
    }

    @Test
    void errorsArePrintedWithASummaryAndExitCodeOne() {
        new TestRepo(dir).file("web.container", "[Container]\nImage=nginx\nNetwork=nope.network\n");
        Run r = run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("web.container:3: error: Network=nope.network names nope.network")
                .endsWith("1 error, 0 warnings in 1 unit\n");
    }

    @Test
    void targetingIsCheckedAgainstTheHostsBerthTomlDeclares() {
        new TestRepo(dir).file("web.container", "[Container]\nImage=nginx\n")
                .file("db.container", "[Container]\nImage=nginx\n")
                .file("berth.toml", "[hosts.a]\nlabels = { role = \"edge\" }\n\n[[rules]]\nunits = [\"web.container\"]\n"
                        + "groups = [\"edg\"]\n\n[[rules]]\nunits = [\"db.container\"]\nlabels = { role = \"db\" }\n");
        Run r = run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("berth.toml:4: error: rule 1 names group 'edg', which berth.toml does not declare")
                .contains("berth.toml:8: warning: rule 2 selects labels {role=db}, which matches no host declared in berth.toml")
                .contains("db.container:0: warning: no host declared in berth.toml gets db.container");
    }

    @Test
    void podmanVersionChoosesTheReleaseAndJsonSaysWhich() throws Exception {
        new TestRepo(dir).file("web.container", "[Container]\nImage=nginx\nRetry=3\n");
        Run on54 = run("validate", "--podman-version", "5.4", dir.toString());
        assertThat(on54.exitCode()).isEqualTo(1);
        assertThat(on54.out()).startsWith("web.container:3: error: 'Retry' is not a setting quadlet of Podman 5.4 knows");
        Run on58 = run("validate", "--json", "--podman-version", "5.8.6", dir.toString());
        assertThat(on58.exitCode()).isZero();
        JsonNode podman = new ObjectMapper().readTree(on58.out()).path("podman");
        assertThat(podman.path("version").asText()).isEqualTo("5.8.6");
        assertThat(podman.path("source").asText()).isEqualTo("given");
        assertThat(run("validate", "--podman-version", "five", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void aCleanRepositoryExitsZero() {
        new TestRepo(dir).file("web.container", "[Container]\nImage=nginx\n");
        Run r = run("validate", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("0 errors, 0 warnings in 1 unit\n");
    }

    @Test
    void jsonOutput() throws Exception {
        new TestRepo(dir).file("web.container", "[Container]\nImage=nginx\nNetwork=nope.network\n");
        Run r = run("validate", "--json", dir.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(doc.get("errors").asInt()).isEqualTo(1);
        assertThat(doc.get("units").asInt()).isEqualTo(1);
        JsonNode p = doc.get("problems").get(0);
        assertThat(p.get("severity").asText()).isEqualTo("error");
        assertThat(p.get("file").asText()).isEqualTo("web.container");
        assertThat(p.get("line").asInt()).isEqualTo(3);
    }
}
