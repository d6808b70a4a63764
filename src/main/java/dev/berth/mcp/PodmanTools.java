package dev.berth.mcp;

import static dev.berth.mcp.JsonSchemas.arrayOf;
import static dev.berth.mcp.JsonSchemas.anyObject;
import static dev.berth.mcp.JsonSchemas.integer;
import static dev.berth.mcp.JsonSchemas.noArguments;
import static dev.berth.mcp.JsonSchemas.object;
import static dev.berth.mcp.JsonSchemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.host.HostException;
import dev.berth.host.PodmanInventory;
import dev.berth.host.PodmanListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's containers, images, volumes and networks as Podman reports them. Only fixed podman
 * subcommands run, with checked names: there is deliberately no tool that runs a container or a command.
 */
final class PodmanTools {
    /** More than any sane host has; keeps one answer bounded. */
    static final int MAX_ITEMS = 500;

    private final PodmanInventory podman;

    PodmanTools(PodmanInventory podman) {
        this.podman = podman;
    }

    /** A question to Podman; its failure is the tool's, with Podman's words. */
    private interface Ask<T> {
        T of(PodmanInventory podman) throws HostException;
    }

    private <T> T ask(Ask<T> question) throws ToolFailure {
        try {
            return question.of(podman);
        } catch (HostException e) {
            throw new ToolFailure(e.getMessage(), e);
        }
    }

    List<ToolSpec> all() {
        return List.of(
                listing("container_list", "List containers", "All containers on this host (running and stopped), as 'podman ps --all'.",
                        "containers", PodmanListing.CONTAINERS),
                inspect(), logs(), stats(),
                listing("image_list", "List images", "Images in local storage, as 'podman images'.", "images",
                        PodmanListing.IMAGES),
                pull(),
                listing("volume_list", "List volumes", "Podman volumes, as 'podman volume ls'.", "volumes",
                        PodmanListing.VOLUMES),
                listing("network_list", "List networks", "Podman networks, as 'podman network ls'.", "networks",
                        PodmanListing.NETWORKS));
    }

    private ToolSpec listing(String name, String title, String description, String key, PodmanListing kind) {
        return new ToolSpec(name, title, description, noArguments(),
                object(List.of(key), key, arrayOf(anyObject("as podman reports it"), "at most " + MAX_ITEMS)),
                Hints.READ, args -> Map.of(key, bounded(ask(p -> p.list(kind)))));
    }

    private static Object bounded(JsonNode node) {
        List<Object> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (out.size() == MAX_ITEMS) {
                    break;
                }
                out.add(Results.tree(n));
            }
        }
        return out;
    }

    private static final Map<String, Object> CONTAINER_ARG = object(List.of("container"),
            "container", string("container name or id"));

    private ToolSpec inspect() {
        return new ToolSpec("container_inspect", "Inspect a container",
                "'podman container inspect' of one container. Secret values are hidden: all environment values, the same in"
                        + " its command lines, and labels and annotations whose key looks like a secret's; podman secrets by name only.",
                CONTAINER_ARG, object(List.of("container"), "container", anyObject("podman's inspect document")),
                Hints.READ, args -> {
                    String container = args.name("container");
                    JsonNode doc = ask(p -> p.inspectContainer(container));
                    JsonNode first = doc.isArray() && !doc.isEmpty() ? doc.get(0) : doc;
                    if (first instanceof ObjectNode o) {
                        hideEnvironmentValues(o);
                    }
                    return Map.of("container", Results.tree(first));
                });
    }

    /** Hides what podman recorded of the container's secrets ({@link SecretRedaction#inspect}). */
    static void hideEnvironmentValues(ObjectNode inspect) {
        SecretRedaction.inspect(inspect);
    }

    private ToolSpec logs() {
        return new ToolSpec("container_logs", "Container logs", "The last lines a container wrote (stdout and stderr).",
                object(List.of("container"), "container", string("container name or id"),
                        "lines", integer("how many lines (default 50)", 1, UnitTools.MAX_LOG_LINES)),
                object(List.of("container", "lines"), "container", string("container"),
                        "lines", arrayOf(string("log line"), "last lines")),
                Hints.READ, args -> {
                    String c = args.name("container");
                    int lines = args.integer("lines", 50, 1, UnitTools.MAX_LOG_LINES);
                    return Map.of("container", c, "lines", ask(p -> p.logs(c, lines)));
                });
    }

    private ToolSpec stats() {
        return new ToolSpec("container_stats", "Container resource use",
                "CPU, memory, network and block I/O of running containers (one sample, 'podman stats --no-stream');"
                        + " of one container when 'container' is given.",
                object(List.of(), "container", string("container name or id (default: all running)")),
                object(List.of("stats"), "stats", arrayOf(anyObject("as podman reports it"), "one entry per container")),
                Hints.READ, args -> {
                    Optional<String> container = args.optionalString("container") == null
                            ? Optional.empty() : Optional.of(args.name("container"));
                    return Map.of("stats", bounded(ask(p -> p.stats(container))));
                });
    }

    private ToolSpec pull() {
        return new ToolSpec("image_pull", "Pull an image",
                "Pull an image from its registry into local storage ('podman pull'). Does not run anything.",
                object(List.of("image"), "image", string("image reference, e.g. registry.example.com/app:1.2")),
                object(List.of("image", "id"), "image", string("the reference pulled"), "id", string("image id")),
                Hints.write(false, true, true), args -> {
                    String image = args.name("image");
                    return Map.of("image", image, "id", ask(p -> p.pull(image)));
                });
    }
}
