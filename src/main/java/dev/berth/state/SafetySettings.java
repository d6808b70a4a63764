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
 * @param trustedKeyring path of an OpenPGP keyring of trusted public keys ({@code gpg --export}); when set,
 *                       commits signed by a key in it are applied too. Read again at every sync
 */
public record SafetySettings(boolean noRollback, String allowedSigners, List<String> adopted, String trustedKeyring) {

    public static final SafetySettings DEFAULTS = new SafetySettings(false, null, List.of(), null);

    public SafetySettings {
        adopted = adopted == null ? List.of() : List.copyOf(new TreeSet<>(adopted));
    }

    /** Without an OpenPGP keyring (the settings before OpenPGP signatures were trusted). */
    public SafetySettings(boolean noRollback, String allowedSigners, List<String> adopted) {
        this(noRollback, allowedSigners, adopted, null);
    }

    /** True when only signed commits may be applied (SSH, OpenPGP or both). */
    public boolean verifiesCommits() {
        return allowedSigners != null || trustedKeyring != null;
    }

    public SafetySettings withNoRollback(boolean value) {
        return new SafetySettings(value, allowedSigners, adopted, trustedKeyring);
    }

    public SafetySettings withAllowedSigners(String path) {
        return new SafetySettings(noRollback, path, adopted, trustedKeyring);
    }

    public SafetySettings withTrustedKeyring(String path) {
        return new SafetySettings(noRollback, allowedSigners, adopted, path);
    }

    public SafetySettings withAdopted(String unitName) {
        Set<String> all = new TreeSet<>(adopted);
        all.add(unitName);
        return new SafetySettings(noRollback, allowedSigners, List.copyOf(all), trustedKeyring);
    }
}
