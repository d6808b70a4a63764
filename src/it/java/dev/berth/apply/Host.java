package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import java.nio.file.Path;
import java.time.Duration;

/** The booted test host as these tests use it: shell snippets as root or as the rootless user, and Berth. */
final class Host {
    private final TestHost host = TestHost.get();
    private final boolean rootless;

    private Host(boolean rootless) {
        this.rootless = rootless;
    }

    static Host root() {
        return new Host(false);
    }

    static Host tester() {
        return new Host(true);
    }

    /** Runs a shell snippet; returns stdout, failing the test when it exits non-zero. */
    String sh(String script) {
        TestHost.Result r = run(script);
        assertThat(r.exitCode()).as("`%s` failed:%n%s%n%s", script, r.stdout(), r.stderr()).isZero();
        return r.stdout().strip();
    }

    TestHost.Result run(String script) {
        return rootless ? host.execAsTester("sh", "-c", script) : host.exec("sh", "-c", script);
    }

    TestHost.Result berth(String... args) {
        return rootless ? host.berthAsTester(args) : host.berth(args);
    }

    /** Runs a Berth command that must succeed; returns its stdout. */
    String berthOk(String... args) {
        TestHost.Result r = berth(args);
        assertThat(r.exitCode()).as("berth %s failed:%n%s%n%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r.stdout();
    }

    /** What 127.0.0.1:port answers inside the host, waiting for it to come up. */
    String http(int port) {
        return sh("curl -fsS --max-time 5 --retry 20 --retry-delay 1 --retry-all-errors http://127.0.0.1:" + port + "/");
    }

    String containerId(String name) {
        return sh("podman inspect --format '{{.Id}}' " + name);
    }

    String activeState(String unit) {
        return run((rootless ? "systemctl --user" : "systemctl") + " show -p ActiveState --value " + unit).stdout().strip();
    }

    /** The host-side folder where /srv/share of the test host lives (git repositories for Berth to follow). */
    Path share() {
        return host.hostPath("/srv/share");
    }

    /** A fresh git repository at /srv/share/NAME of the test host (any earlier one of that name removed). */
    TestGitRepo newRepo(String name) throws Exception {
        Path dir = share().resolve(name);
        FileTrees.deleteRecursively(dir);
        return TestGitRepo.create(dir);
    }

    static Duration timeout() {
        return Duration.ofMinutes(3);
    }
}
