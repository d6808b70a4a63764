package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Smoke test: the test host is a real systemd + Podman 5 host on which quadlets serve HTTP. */
class TestHostIT {

    private static final TestHost host = TestHost.get();

    private static final String QUADLET = """
            [Container]
            Image=localhost:5000/busybox:test
            Exec=busybox httpd -f -p 8080 -h /www
            PublishPort=127.0.0.1:%d:8080
            StopTimeout=2
            """;

    @Test
    void systemdIsPid1AndTheSystemIsUp() {
        assertThat(host.exec("cat", "/proc/1/comm").orThrow().stdout().strip()).isEqualTo("systemd");
        // is-system-running exits non-zero for "degraded", which is still a booted system
        assertThat(host.exec("systemctl", "is-system-running").stdout().strip()).isIn("running", "degraded");
    }

    @Test
    void podmanIsVersion5() {
        assertThat(host.exec("podman", "--version").orThrow().stdout()).startsWith("podman version 5.");
    }

    @Test
    void rootfulQuadletServesHttp() throws IOException {
        Path unit = host.hostPath("/etc/containers/systemd/smoke.container");
        Files.writeString(unit, QUADLET.formatted(18080));
        try {
            host.exec("systemctl", "daemon-reload").orThrow();
            host.exec("systemctl", "start", "smoke.service").orThrow();
            assertThat(host.waitForHttp(18080, "hello from busybox", Duration.ofSeconds(30))).contains("hello from busybox");
        } finally {
            host.exec("systemctl", "stop", "smoke.service");
            Files.deleteIfExists(unit);
            host.exec("systemctl", "daemon-reload").orThrow();
            host.exec("systemctl", "reset-failed", "smoke.service");
        }
        assertThat(host.exec("systemctl", "cat", "smoke.service").ok()).as("unit gone after clean-up").isFalse();
    }

    @Test
    void rootlessQuadletServesHttp() throws IOException {
        Path unit = host.hostPath("/home/tester/.config/containers/systemd/smoke-user.container");
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, QUADLET.formatted(18081));
        try {
            host.exec("chown", "-R", "tester:tester", "/home/tester/.config").orThrow();
            host.execAsTester("systemctl", "--user", "daemon-reload").orThrow();
            host.execAsTester("systemctl", "--user", "start", "smoke-user.service").orThrow();
            assertThat(host.waitForHttp(18081, "hello from busybox", Duration.ofSeconds(30))).contains("hello from busybox");
            assertThat(host.execAsTester("podman", "ps", "--format", "{{.Names}}").orThrow().stdout()).contains("systemd-smoke-user");
        } finally {
            host.execAsTester("systemctl", "--user", "stop", "smoke-user.service");
            Files.deleteIfExists(unit);
            host.execAsTester("systemctl", "--user", "daemon-reload").orThrow();
            host.execAsTester("systemctl", "--user", "reset-failed", "smoke-user.service");
        }
    }

    @Test
    void berthRunsInsideTheHost() {
        assertThat(host.berth("--version").orThrow().stdout()).contains("berth");
        assertThat(host.berthAsTester("--version").orThrow().stdout()).contains("berth");
    }

    @Test
    void sharedFolderIsWritableHereAndReadableByTester() throws IOException {
        Path file = host.hostPath("/srv/share/testhost-it.txt");
        Files.writeString(file, "shared\n");
        try {
            assertThat(host.execAsTester("cat", "/srv/share/testhost-it.txt").orThrow().stdout()).isEqualTo("shared\n");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
