package dev.berth.apply;

/** Unit files the integration tests deploy: small busybox containers from the test host's registry. */
final class Units {
    static final String IMAGE = "localhost:5000/busybox:test";

    private Units() {
    }

    /** A web server serving its unit folder's {@code site/} on 127.0.0.1:port. */
    static String web(String containerName, int port) {
        return """
                [Container]
                Image=%s
                ContainerName=%s
                Volume=./site:/www:ro
                Exec=busybox httpd -f -p 8080 -h /www
                PublishPort=127.0.0.1:%d:8080
                StopTimeout=1
                """.formatted(IMAGE, containerName, port);
    }

    /** A long-running container doing nothing, with a marker to force a change. */
    static String sleeper(String containerName, String marker) {
        return """
                [Container]
                Image=%s
                ContainerName=%s
                Exec=sleep 100000
                Environment=MARKER=%s
                StopTimeout=1
                """.formatted(IMAGE, containerName, marker);
    }

    /** A container that exits at once with an error: its start fails. */
    static String broken(String containerName) {
        return """
                [Container]
                Image=%s
                ContainerName=%s
                Exec=sh -c 'echo this container is broken on purpose >&2; exit 3'
                """.formatted(IMAGE, containerName);
    }
}
