package dev.berth.state;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The safety settings of this host, kept in {@code safety.json} beside {@code config.json} (a file of
 * their own so older state folders read as "defaults").
 *
 * @param noRollback     true: a commit whose units do not come up stays applied (its failed units are
 *                       retried by the next sync) instead of being rolled back to the last good commit
 * @param allowedSigners path of an SSH allowed-signers file; when set, only commits signed by a key in
 *                       it are applied. The file is read again at every sync, so keys rotate by editing it
 * @param adopted        unit names the user handed over to Berth ({@code berth adopt}): Berth may install
 *                       units of these names although the host already has one
 */
public record SafetySettings(boolean noRollback, String allowedSigners, List<String> adopted) {

    public static final SafetySettings DEFAULTS = new SafetySettings(false, null, List.of());

    public SafetySettings {
        adopted = adopted == null ? List.of() : List.copyOf(new TreeSet<>(adopted));
    }

    public SafetySettings withNoRollback(boolean value) {
        return new SafetySettings(value, allowedSigners, adopted);
    }

    public SafetySettings withAllowedSigners(String path) {
        return new SafetySettings(noRollback, path, adopted);
    }

    public SafetySettings withAdopted(String unitName) {
        Set<String> all = new TreeSet<>(adopted);
        all.add(unitName);
        return new SafetySettings(noRollback, allowedSigners, List.copyOf(all));
    }
}
