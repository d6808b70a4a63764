package dev.berth.mcp;

import dev.berth.host.HostLayout;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The units Berth manages on this host, found by file name ({@code web.container}) or service name ({@code web.service}). */
final class ManagedUnits {
    private static final int MAX_FILE = 256 * 1024;

    private final StateStore store;
    private final HostLayout layout;

    ManagedUnits(StateStore store, HostLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    AppliedState applied() throws ToolFailure {
        try {
            return store.applied();
        } catch (IOException e) {
            throw new ToolFailure(e.getMessage(), e);
        }
    }

    Optional<AppliedUnit> find(String name) throws ToolFailure {
        return find(applied(), name);
    }

    static Optional<AppliedUnit> find(AppliedState applied, String name) {
        AppliedUnit byFile = applied.units().get(name);
        if (byFile != null) {
            return Optional.of(byFile);
        }
        return applied.units().values().stream().filter(u -> u.systemdName().equals(name)).findFirst();
    }

    /** The unit only if Berth manages it: tools never act on other units of the host. */
    AppliedUnit require(String name) throws ToolFailure {
        return find(name).orElseThrow(() -> new ToolFailure("'" + name + "' is not a unit Berth manages on this host;"
                + " the unit_list tool shows the ones it does"));
    }

    /**
     * The installed text of a managed unit's file, as Berth wrote it (and as it is on disk now), with secret
     * values hidden ({@link SecretRedaction#unitText}): every MCP tool, prompt and resource shows it this way.
     */
    Optional<InstalledText> file(AppliedState applied, AppliedUnit unit) throws ToolFailure {
        Optional<String> found = applied.targetOf(unit);
        if (found.isPresent()) {
            String target = found.get();
            Path p = layout.pathOf(target);
            try {
                byte[] bytes = Files.readAllBytes(p);
                String text = new String(bytes, 0, Math.min(bytes.length, MAX_FILE), StandardCharsets.UTF_8);
                return Optional.of(new InstalledText(target, p.toString(), SecretRedaction.unitText(text)));
            } catch (IOException e) {
                throw new ToolFailure("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    record InstalledText(String target, String path, String text) {
    }
}
