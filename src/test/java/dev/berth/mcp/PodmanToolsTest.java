package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.host.HostException;
import dev.berth.host.PodmanInventory;
import dev.berth.host.PodmanListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Podman tools over a scripted Podman: what each asks, bounds, redaction, and Podman's failures as tool failures. */
class PodmanToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> asked = new ArrayList<>();

    private final PodmanInventory podman = new PodmanInventory() {
        @Override
        public JsonNode list(PodmanListing kind) {
            asked.add("list " + kind);
            var many = JSON.createArrayNode();
            for (int i = 0; i < PodmanTools.MAX_ITEMS + 3; i++) {
                many.addObject().put("Id", Integer.toString(i));
            }
            return many;
        }

        @Override
        public JsonNode inspectContainer(String container) {
            asked.add("inspect " + container);
            var doc = JSON.createArrayNode();
            doc.addObject().put("Name", container).putObject("Config").putArray("Env").add("PASSWORD=hunter2");
            return doc;
        }

        @Override
        public JsonNode stats(Optional<String> container) {
            asked.add("stats " + container.orElse("all"));
            return JSON.createArrayNode();
        }

        @Override
        public List<String> logs(String container, int lines) throws HostException {
            throw new HostException("podman logs " + container + " failed: no container with name " + container);
        }

        @Override
        public String pull(String image) {
            asked.add("pull " + image);
            return "sha256:abcd";
        }
    };

    private Map<String, Object> call(String tool, Map<String, Object> arguments) throws ToolFailure {
        ToolSpec spec = new PodmanTools(podman).all().stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow();
        return spec.handler().call(new Args(arguments));
    }

    @Test
    void listingsAskForTheirKindAndAreBounded() throws Exception {
        assertThat((List<?>) call("container_list", Map.of()).get("containers")).hasSize(PodmanTools.MAX_ITEMS);
        call("image_list", Map.of());
        call("volume_list", Map.of());
        call("network_list", Map.of());
        assertThat(asked).containsExactly("list CONTAINERS", "list IMAGES", "list VOLUMES", "list NETWORKS");
    }

    @Test
    void inspectHidesEnvironmentValuesAndStatsAndPullAskWhatWasNamed() throws Exception {
        assertThat(call("container_inspect", Map.of("container", "web")).toString()).doesNotContain("hunter2").contains("PASSWORD");
        call("container_stats", Map.of());
        call("container_stats", Map.of("container", "web"));
        assertThat(call("image_pull", Map.of("image", "localhost/app:1"))).isEqualTo(Map.of("image", "localhost/app:1", "id", "sha256:abcd"));
        assertThat(asked).containsExactly("inspect web", "stats all", "stats web", "pull localhost/app:1");
    }

    @Test
    void podmansFailureIsTheToolsWithPodmansWords() {
        assertThatThrownBy(() -> call("container_logs", Map.of("container", "gone")))
                .isInstanceOf(ToolFailure.class).hasMessage("podman logs gone failed: no container with name gone");
    }
}
