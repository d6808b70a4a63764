package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.host.HostLayout;
import dev.berth.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP validate tool and 'berth validate' give one answer: berth.toml's targeting problems included. */
class ValidateAgreementTest {
    @TempDir
    Path tmp;

    @Test
    void theToolReportsWhatBerthValidateReportsForTheSameCheckout() throws Exception {
        HostLayout host = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"),
                tmp.resolve("run"));
        StateStore store = new StateStore(host.stateDir());
        Path deployed = store.checkoutsDir().resolve("current");
        Files.createDirectories(deployed);
        Files.writeString(deployed.resolve("web.container"), "[Container]\nImage=localhost/web\n");
        Files.writeString(deployed.resolve("berth.toml"), """
                [hosts.a]
                [[rules]]
                units = ["web.container"]
                groups = ["nowhere"]
                """);
        DeploymentTools tools = new DeploymentTools(new McpBackend(host, store, null, null, null, null));
        ToolSpec validate = tools.all().stream().filter(t -> t.name().equals("validate")).findFirst().orElseThrow();

        Map<String, Object> answer = validate.handler().call(new Args(Map.of("which", "deployed")));
        var cli = Berth.validate(deployed).call();

        assertThat(answer).containsEntry("valid", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) answer.get("problems");
        assertThat(problems).extracting(p -> p.get("file") + ":" + p.get("message"))
                .anySatisfy(m -> assertThat(m).contains("berth.toml").contains("group 'nowhere'"));
        assertThat(problems).extracting(p -> p.get("severity") + " " + p.get("file") + ":" + p.get("line") + " " + p.get("message"))
                .containsExactlyElementsOf(cli.problems().stream().map(p -> p.severity().name().toLowerCase(Locale.ROOT) + " "
                        + p.file() + ":" + p.line() + " " + p.message()).toList());
    }
}
