package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.GitCli;
import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signed delivery, attacked, on the real test host through the real {@code berth} launcher: ed25519 keys made by
 * {@code ssh-keygen} and OpenPGP keys made by {@code gpg}, commits signed by the real {@code git}; a force-push
 * back to an older signed commit; a branch pushed with the name of the followed tag.
 */
class SignedDeliveryIT {
    private static final int PORT = 18211;
    private static final String CONTAINER = "it-signed-web";

    private final Host host = Host.root();
    private TestGitRepo repo;
    private Path keys;

    @AfterEach
    void cleanUp() throws Exception {
        host.berth("prune", "--volumes", "-q");
        if (repo != null) {
            repo.close();
            FileTrees.deleteRecursively(repo.dir());
        }
        if (keys != null) {
            if (Files.isDirectory(keys.resolve("gnupg"))) {
                GitCli.run(keys, Map.of("GNUPGHOME", keys.resolve("gnupg").toString()), List.of("gpgconf", "--kill", "all"));
            }
            FileTrees.deleteRecursively(keys);
        }
    }

    private TestGitRepo newRepo(String name) throws Exception {
        repo = host.newRepo(name);
        keys = host.share().resolve(name + "-keys");
        FileTrees.deleteRecursively(keys);
        Files.createDirectories(keys);
        return repo;
    }

    private String site(String text) throws Exception {
        repo.write("web/web.container", Units.web(CONTAINER, PORT)).write("web/site/index.html", text + "\n");
        return text;
    }

    private String sshSigned(String text, String key) throws Exception {
        site(text);
        return GitCli.commitSshSigned(repo.dir(), text, keys.resolve(key), null);
    }

    /** What a refused sync must leave: the same commit deployed, the same container serving the same page. */
    private void unchanged(String deployed, String containerId, String page) {
        assertThat(host.http(PORT)).isEqualTo(page);
        assertThat(host.containerId(CONTAINER)).as("the container was not restarted").isEqualTo(containerId);
        assertThat(host.berthOk("status")).contains("Deployed:   " + deployed.substring(0, 12));
    }

    @Test
    void commitsSignedWithAnEd25519KeyFromSshKeygenDeployAndAStrangersAreRefused() throws Exception {
        newRepo("signed-ed25519");
        String ops = GitCli.sshKeygen(keys.resolve("ops"), "ed25519", 0);
        GitCli.sshKeygen(keys.resolve("stranger"), "ed25519", 0);
        Files.writeString(keys.resolve("allowed_signers"), "ops@example.invalid " + ops + "\n");
        String first = sshSigned("signed by ops", "ops");

        host.berthOk("init", "/srv/share/signed-ed25519", "--verify-commits", "/srv/share/signed-ed25519-keys/allowed_signers");
        assertThat(host.http(PORT)).isEqualTo("signed by ops");
        String containerId = host.containerId(CONTAINER);

        String bad = sshSigned("signed by a stranger", "stranger");
        TestHost.Result sync = host.berth("sync");

        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.stderr()).contains(bad.substring(0, 12)).contains("ssh-ed25519 key").contains("not trusted");
        unchanged(first, containerId, "signed by ops");
        assertThat(host.berthOk("status")).contains(bad.substring(0, 12)).contains("not trusted");
    }

    @Test
    void commitsSignedWithGpgDeployAgainstTheTrustedKeyringAndAStrangersAreRefused() throws Exception {
        newRepo("signed-gpg");
        Path gnupg = Files.createDirectories(keys.resolve("gnupg"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        String ops = gpgKey(gnupg, "Ops <ops@example.invalid>");
        String stranger = gpgKey(gnupg, "Mallory <mallory@example.invalid>");
        Files.writeString(keys.resolve("trusted.asc"), gpg(gnupg, "--armor", "--export", ops));
        site("signed with gpg");
        String first = GitCli.commitGpgSigned(repo.dir(), "signed with gpg", gnupg, ops);

        host.berthOk("init", "/srv/share/signed-gpg", "--trusted-keyring", "/srv/share/signed-gpg-keys/trusted.asc");
        assertThat(host.http(PORT)).isEqualTo("signed with gpg");
        String containerId = host.containerId(CONTAINER);

        site("signed by mallory");
        String bad = GitCli.commitGpgSigned(repo.dir(), "signed by mallory", gnupg, stranger);
        TestHost.Result sync = host.berth("sync");

        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.stderr()).contains(bad.substring(0, 12)).contains("OpenPGP").contains("not in it");
        unchanged(first, containerId, "signed with gpg");
        assertThat(host.berthOk("status")).contains(bad.substring(0, 12)).contains("not trusted");
    }

    private static String gpgKey(Path gnupg, String userId) throws Exception {
        gpg(gnupg, "--passphrase", "", "--quick-generate-key", userId, "ed25519", "sign", "never");
        String colons = gpg(gnupg, "--with-colons", "--list-keys", userId);
        return colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    private static String gpg(Path gnupg, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback"));
        cmd.addAll(List.of(args));
        return GitCli.run(gnupg, Map.of("GNUPGHOME", gnupg.toString()), cmd);
    }

    @Test
    void aForcePushBackToAnOlderSignedCommitIsRefusedUntilTheOperatorAcceptsIt() throws Exception {
        newRepo("signed-rewind");
        String ops = GitCli.sshKeygen(keys.resolve("ops"), "ed25519", 0);
        Files.writeString(keys.resolve("allowed_signers"), "ops@example.invalid " + ops + "\n");
        String old = sshSigned("old and vulnerable", "ops");
        host.berthOk("init", "/srv/share/signed-rewind", "--verify-commits", "/srv/share/signed-rewind-keys/allowed_signers");
        String fixed = sshSigned("security fix", "ops");
        host.berthOk("sync");
        assertThat(host.http(PORT)).isEqualTo("security fix");
        String containerId = host.containerId(CONTAINER);

        repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(old).call(); // the force-push
        TestHost.Result sync = host.berth("sync");

        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.stderr()).contains("commit " + old.substring(0, 12) + " (old and vulnerable) is refused")
                .contains("does not descend from the deployed commit " + fixed.substring(0, 12) + " (security fix)");
        unchanged(fixed, containerId, "security fix");
        String status = host.berthOk("status");
        assertThat(status).contains("Waiting:    " + old.substring(0, 12))
                .contains("does not descend from the deployed commit " + fixed.substring(0, 12))
                .contains("berth rollback " + old.substring(0, 12));
        assertThat(host.berth("sync").exitCode()).as("still refused at the next sync").isNotZero();

        // only the operator accepts it, by naming it
        host.berthOk("rollback", old.substring(0, 12));
        assertThat(host.http(PORT)).isEqualTo("old and vulnerable");
        assertThat(host.berthOk("status")).contains("Deployed:   " + old.substring(0, 12));
        assertThat(host.berthOk("history")).contains(old.substring(0, 12) + "  ok      rollback");
    }

    @Test
    void withoutVerificationAForcePushBackIsDeployedAsARewindInStatusAndHistory() throws Exception {
        newRepo("unsigned-rewind");
        site("old");
        String old = repo.commit("old");
        host.berthOk("init", "/srv/share/unsigned-rewind");
        site("new");
        String newer = repo.commit("new");
        host.berthOk("sync");

        repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(old).call();
        TestHost.Result sync = host.berth("sync");

        assertThat(sync.exitCode()).as(sync.stderr()).isZero();
        assertThat(sync.stdout()).contains("does not descend from the deployed commit " + newer.substring(0, 12));
        assertThat(host.http(PORT)).isEqualTo("old");
        assertThat(host.berthOk("status")).contains("Rewound:    from " + newer.substring(0, 12));
        assertThat(host.berthOk("history")).contains(old.substring(0, 12) + "  ok      rewind")
                .contains("(rewound from " + newer.substring(0, 12) + ")");
    }

    @Test
    void aBranchPushedWithTheNameOfTheFollowedTagIsNotDeployed() throws Exception {
        newRepo("signed-tag");
        site("release 1");
        String released = repo.commit("release 1");
        repo.git().tag().setName("release").call();
        host.berthOk("init", "/srv/share/signed-tag", "--ref", "release");
        assertThat(host.berthOk("status")).contains("(refs/tags/release)");
        String containerId = host.containerId(CONTAINER);

        site("from the branch");
        repo.commit("not a release");
        repo.git().branchCreate().setName("release").call();
        TestHost.Result sync = host.berth("sync");

        assertThat(sync.exitCode()).as("the followed tag did not move: nothing to do").isZero();
        assertThat(sync.stdout()).doesNotContain("deploy ");
        unchanged(released, containerId, "release 1");
        assertThat(host.berthOk("status")).contains("(refs/tags/release)").contains("Waiting:    nothing");

        // a new host given the ambiguous name is told to choose
        host.berthOk("prune", "-q");
        TestHost.Result init = host.berth("init", "/srv/share/signed-tag", "--ref", "release");
        assertThat(init.exitCode()).isNotZero();
        assertThat(init.stderr()).contains("'release' is both a branch and a tag")
                .contains("--ref refs/tags/release").contains("--ref refs/heads/release");
        assertThat(host.run("podman container exists " + CONTAINER).exitCode()).as("nothing was started").isNotZero();
    }
}
