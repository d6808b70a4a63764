package dev.berth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a deployment repository of {@code units} units that looks like a real one at scale: shared
 * networks and volumes under {@code infra/}, image builds with a Containerfile and a build context under
 * {@code builds/}, one folder per application container with an env file, a mounted config folder and
 * sometimes a resource drop-in, and a few timer-driven backup jobs under {@code jobs/}.
 *
 * <p>Mix, by unit index: 10% networks, 10% volumes, 5% builds, 4% timers and their services, the rest
 * (about 70%) containers. {@code revision} 1 changes every 100th unit (1%), each in a way that matters
 * for a restart: an image tag, an env file, a drop-in, a Containerfile, a label.
 */
public final class RepositoryGenerator {

    private final Path root;
    private final int units;
    private final int revision;
    private final int networks;
    private final int volumes;
    private final int builds;
    private final int jobs;

    private RepositoryGenerator(Path root, int units, int revision) {
        this.root = root;
        this.units = units;
        this.revision = revision;
        this.networks = Math.max(1, units / 10);
        this.volumes = Math.max(1, units / 10);
        this.builds = Math.max(1, units / 20);
        this.jobs = Math.max(1, units / 50); // each job is a timer and a service: 4%
    }

    /** Usage: {@code RepositoryGenerator <folder> <units> [revision]}. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: RepositoryGenerator <folder> <units> [revision 0|1]");
            System.exit(2);
        }
        int revision = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        write(Path.of(args[0]), Integer.parseInt(args[1]), revision);
    }

    public static void write(Path root, int units, int revision) {
        new RepositoryGenerator(root, units, revision).writeAll();
    }

    private void writeAll() {
        int index = 0;
        for (int n = 0; n < networks; n++) {
            network(n, index++);
        }
        for (int v = 0; v < volumes; v++) {
            volume(v, index++);
        }
        for (int b = 0; b < builds; b++) {
            build(b, index++);
        }
        for (int j = 0; j < jobs; j++) {
            job(j, index);
            index += 2;
        }
        for (int c = 0; index < units; c++) {
            container(c, index++);
        }
    }

    /** Revision 1 changes 1% of the units. */
    private boolean changed(int index) {
        return revision > 0 && index % 100 == 0;
    }

    private void network(int n, int index) {
        write("infra/net-" + n + ".network", """
                [Network]
                Label=app=bench
                Label=revision=%s
                """.formatted(changed(index) ? "2" : "1"));
    }

    private void volume(int v, int index) {
        write("infra/vol-" + v + ".volume", """
                [Volume]
                Label=app=bench
                Label=revision=%s
                """.formatted(changed(index) ? "2" : "1"));
    }

    private void build(int b, int index) {
        String dir = "builds/img-" + b + "/";
        write(dir + "img-" + b + ".build", """
                [Build]
                ImageTag=localhost/img-%d:latest
                File=Containerfile
                SetWorkingDirectory=unit
                """.formatted(b));
        write(dir + "Containerfile", """
                FROM docker.io/library/python:3.12-slim
                COPY app/ /app/
                RUN pip install --no-cache-dir -r /app/requirements.txt
                ENV BUILD_REVISION=%s
                CMD ["python", "/app/main.py"]
                """.formatted(changed(index) ? "2" : "1"));
        write(dir + "app/main.py", "print('service %d')\n".formatted(b));
        write(dir + "app/requirements.txt", "requests==2.32.3\n");
    }

    private void job(int j, int index) {
        // The service only runs when its timer fires: Berth installs it but must not start it.
        write("jobs/backup-" + j + ".timer", """
                [Unit]
                Description=Nightly backup %d

                [Timer]
                OnCalendar=*-*-* 03:%02d:00
                Persistent=true

                [Install]
                WantedBy=timers.target
                """.formatted(j, j % 60));
        write("jobs/backup-" + j + ".service", """
                [Unit]
                Description=Backup %d

                [Service]
                Type=oneshot
                ExecStart=/usr/bin/podman volume export vol-%d --output /srv/backup/vol-%d.tar
                Nice=%d

                [X-Berth]
                AutoStart=false
                """.formatted(j, j % volumes, j % volumes, changed(index) ? 10 : 5));
    }

    private void container(int c, int index) {
        String dir = "apps/app-" + c + "/";
        String name = "app-" + c;
        boolean builtHere = c % 3 == 0;
        boolean hasDropIn = c % 3 == 1;
        // What a change edits: the image tag, the drop-in, or (when the unit has neither) the env file.
        int changeKind = (index / 100) % 3;
        boolean newTag = changed(index) && changeKind == 0 && !builtHere;
        boolean newDropIn = changed(index) && changeKind == 2 && hasDropIn;
        boolean newEnv = changed(index) && !newTag && !newDropIn;
        String image = builtHere
                ? "img-" + (c % builds) + ".build"
                : "docker.io/library/nginx:1.27." + (newTag ? "5" : "4");
        write(dir + name + ".container", """
                [Unit]
                Description=Application %d

                [Container]
                Image=%s
                ContainerName=%s
                Network=net-%d.network
                Volume=vol-%d.volume:/data
                Volume=./config:/etc/app:ro,Z
                EnvironmentFile=%s.env
                PublishPort=%d:8080
                HealthCmd=/usr/bin/true
                Notify=healthy

                [Service]
                Restart=always

                [Install]
                WantedBy=multi-user.target default.target
                """.formatted(c, image, name, c % networks, c % volumes, name, 10000 + c % 50000));
        write(dir + name + ".env", """
                APP_NAME=%s
                LOG_LEVEL=%s
                DATABASE_URL=postgres://db-%d:5432/app
                """.formatted(name, newEnv ? "debug" : "info", c % 17));
        write(dir + "config/app.conf", "listen 8080\nworkers %d\n".formatted(1 + c % 4));
        if (hasDropIn) {
            write(dir + name + ".container.d/10-resources.conf", """
                    [Container]
                    PodmanArgs=--memory=%dm
                    """.formatted(newDropIn ? 512 : 256));
        }
    }

    private void write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
