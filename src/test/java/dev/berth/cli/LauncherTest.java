package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code berth} launcher script: it remembers the JDK it found and finds another when that one is gone, and
 * its AOT cache never shows: a broken or stale cache prints nothing, and a missing one is recorded in the
 * background for the next run. The jar it runs holds Berth's classes; its manifest points at the libraries.
 */
class LauncherTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    private record Ran(int exitCode, String out, String err) {
    }

    /** Berth's classes in a jar, its libraries named by the manifest (an AOT cache takes jars only, no folders). */
    private Path jar() throws IOException {
        Path jar = tmp.resolve("berth.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path").split(":"))
                .filter(p -> p.endsWith(".jar")).map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" ")));
        Path classes = Path.of("target/classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m); Stream<Path> all = Files.walk(classes)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Another jar at the same path: one entry more, an hour older. */
    private static void replaceWithAnotherBuild(Path jar) throws IOException {
        Path other = jar.resolveSibling("another-build.jar");
        try (var in = new java.util.jar.JarFile(jar.toFile());
             var out = new JarOutputStream(Files.newOutputStream(other), in.getManifest())) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (!e.getName().equals("META-INF/MANIFEST.MF")) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (var entry = in.getInputStream(e)) {
                        entry.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("another-build.txt"));
            out.write("another build\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        FileTime older = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 3_600_000);
        Files.move(other, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar, older);
    }

    private Ran berth(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", Path.of("berth").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("BERTH_JAR", jar().toString());
        pb.environment().put("BERTH_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    private static final String VERSION = "Java " + Runtime.version() + "\n";

    @Test
    void remembersTheJdkAndFindsAnotherWhenItIsGone() throws Exception {
        Ran first = berth(Map.of("BERTH_AOT", "off"), "--version");
        assertThat(first.out()).startsWith("berth ").endsWith(VERSION);
        Path remembered = tmp.resolve("cache/java");
        assertThat(Files.readString(remembered)).isEqualTo(System.getProperty("java.home") + "|" + Runtime.version().feature() + "|" + JAVA + "\n");

        Files.writeString(remembered, System.getProperty("java.home") + "|25|" + tmp.resolve("gone/bin/java") + "\n");
        Ran again = berth(Map.of("BERTH_AOT", "off"), "--version");
        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(remembered)).contains("|" + JAVA);
    }

    @Test
    void theNewestJavaFoundIsChosenUnlessJavaHomeNamesOne() throws Exception {
        // a "JDK 26" on PATH: newer than any this machine has under /usr/lib/jvm, which the search looks at first
        Path fake = Files.createDirectories(tmp.resolve("jdk-26/bin")).getParent();
        Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"26.0.1\"\n");
        Path java = fake.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho fake java 26\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        String path = fake.resolve("bin") + ":" + System.getenv("PATH");

        Ran searched = berth(Map.of("JAVA_HOME", "", "PATH", path, "BERTH_AOT", "off"), "--version");
        assertThat(searched).isEqualTo(new Ran(0, "fake java 26\n", ""));

        Files.delete(tmp.resolve("cache/java")); // forget it: JAVA_HOME is looked at anew only when it changes
        Ran chosen = berth(Map.of("PATH", path, "BERTH_AOT", "off"), "--version");
        assertThat(chosen.out()).as("JAVA_HOME (this JVM's, older than 26) is the user's choice").endsWith(VERSION);
    }

    @Test
    void aBrokenOrStaleAotCacheIsSilentAndAMissingOneIsRecordedForNextTime() throws Exception {
        Ran plain = berth(Map.of("BERTH_AOT", "off"), "--help");
        Path cache = tmp.resolve("cache");
        Path aot = cache.resolve("berth.aot");
        String stamp = JAVA + "|" + tmp.resolve("berth.jar") + "\n";

        Files.writeString(aot, "not an AOT cache");
        Files.writeString(cache.resolve("berth.aot.for"), stamp);
        Files.setLastModifiedTime(Files.writeString(cache.resolve("berth.aot.jar"), ""), Files.getLastModifiedTime(tmp.resolve("berth.jar")));
        Files.setLastModifiedTime(aot, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(berth(Map.of(), "--help")).as("a broken cache").isEqualTo(plain);

        // a stale one (another jar) is thrown away and recorded anew in the background
        Files.writeString(cache.resolve("berth.aot.for"), JAVA + "|/elsewhere/berth.jar\n");
        assertThat(berth(Map.of(), "--help")).as("a stale cache").isEqualTo(plain);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(cache.resolve("berth.aot.for")) && Files.readString(cache.resolve("berth.aot.for")).equals(stamp))
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // the launcher's background recording has no other signal than its files
        }
        assertThat(Files.readString(cache.resolve("berth.aot.for"))).isEqualTo(stamp);
        assertThat(Files.size(aot)).isGreaterThan(1_000_000);
        assertThat(berth(Map.of(), "--help")).as("with the new cache").isEqualTo(plain);
        assertThat(berth(Map.of("BERTH_JAVA_OPTS", "-Xlog:class+load:file=" + tmp.resolve("classes.log")), "--help")).isEqualTo(plain);
        assertThat(Files.readString(tmp.resolve("classes.log"))).contains("dev.berth.cli.Main source: shared objects file");

        // the jar replaced at its path by another build with an older time (a tarball unpacked over it): neither the
        // stamp nor "newer than the cache" tells. JDK 25.0.3 maps such a cache for the real (shaded) berth.jar and runs
        // the old classes (JDK-8377932); for this test's jar it refuses it, and the launcher must then record anew
        // (before, it never did: stamp and times still looked right)
        Path jar = tmp.resolve("berth.jar");
        replaceWithAnotherBuild(jar);
        Files.delete(tmp.resolve("classes.log"));
        assertThat(berth(Map.of("BERTH_JAVA_OPTS", "-Xlog:class+load:file=" + tmp.resolve("classes.log")), "--help")).isEqualTo(plain);
        assertThat(Files.readString(tmp.resolve("classes.log"))).as("not from the cache of the jar that was there")
                .contains("dev.berth.cli.Main source: file:");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(cache.resolve("berth.aot.jar"))
                && Files.getLastModifiedTime(cache.resolve("berth.aot.jar")).equals(Files.getLastModifiedTime(jar)))
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // recorded anew for this jar, in the background
        }
        Files.delete(tmp.resolve("classes.log"));
        assertThat(berth(Map.of("BERTH_JAVA_OPTS", "-Xlog:class+load:file=" + tmp.resolve("classes.log")), "--help")).isEqualTo(plain);
        assertThat(Files.readString(tmp.resolve("classes.log"))).as("recorded anew for it")
                .contains("dev.berth.cli.Main source: shared objects file");

        // --version alone loads a handful of classes: it goes without that cache, which would load them all, and
        // records a small one of its own in the background (then Main comes from it: the jar is not even opened)
        Ran versionPlain = berth(Map.of("BERTH_AOT", "off"), "--version");
        Files.delete(tmp.resolve("classes.log"));
        assertThat(berth(Map.of("BERTH_JAVA_OPTS", "-Xlog:class+load:file=" + tmp.resolve("classes.log")), "--version"))
                .isEqualTo(versionPlain);
        assertThat(Files.readString(tmp.resolve("classes.log"))).contains("dev.berth.cli.Main source: file:");
        Path versionStamp = cache.resolve("berth-version.aot.for");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(versionStamp) && Files.readString(versionStamp).equals(stamp)) && System.nanoTime() < deadline) {
            Thread.sleep(200); // as above: the background recording's only signal is its files
        }
        Files.delete(tmp.resolve("classes.log"));
        assertThat(berth(Map.of("BERTH_JAVA_OPTS", "-Xlog:class+load:file=" + tmp.resolve("classes.log")), "--version"))
                .as("with its own cache").isEqualTo(versionPlain);
        assertThat(Files.readString(tmp.resolve("classes.log"))).contains("dev.berth.cli.Main source: shared objects file");
        Files.writeString(cache.resolve("berth-version.aot"), "not an AOT cache");
        Files.setLastModifiedTime(cache.resolve("berth-version.aot"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(berth(Map.of(), "--version")).as("a broken cache of its own").isEqualTo(versionPlain);
    }

    @Test
    void aCommandTheDaemonAnswersHasASmallCacheOfItsOwn() throws Exception {
        // a stand-in daemon where a non-root user's berth looks for it ($XDG_RUNTIME_DIR/berth/berth.sock), answering
        // each request as the daemon's own mapper writes a reply
        Path runtime = tmp.resolve("runtime");
        Path socket = Files.createDirectories(runtime.resolve("berth")).resolve("berth.sock");
        String answer = "UNIT  STATE\nweb.service  active\n";
        byte[] reply = (dev.berth.json.Json.mapper().writeValueAsString(dev.berth.agent.ControlReply.answer(0, answer, "")) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            Thread.ofPlatform().daemon().start(() -> {
                while (server.isOpen()) {
                    try (var c = server.accept()) {
                        new java.io.BufferedReader(new java.io.InputStreamReader(java.nio.channels.Channels.newInputStream(c))).readLine();
                        java.nio.channels.Channels.newOutputStream(c).write(reply);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String asUser = "-Duser.name=berth-launcher-test -Duser.home=" + tmp;
            Map<String, String> env = Map.of("XDG_RUNTIME_DIR", runtime.toString(), "BERTH_JAVA_OPTS", asUser);
            Ran first = berth(env, "status");
            assertThat(first).isEqualTo(new Ran(0, answer, ""));

            Path cache = tmp.resolve("cache");
            String stamp = JAVA + "|" + tmp.resolve("berth.jar") + "\n";
            Path clientStamp = cache.resolve("berth-client.aot.for");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(clientStamp) && Files.readString(clientStamp).equals(stamp)) && System.nanoTime() < deadline) {
                Thread.sleep(200); // the background recording's only signal is its files
            }
            assertThat(Files.readString(clientStamp)).isEqualTo(stamp);
            assertThat(cache.resolve("berth.aot")).as("the main cache is not what a daemon's answer records").doesNotExist();

            Path log = tmp.resolve("client-classes.log");
            Path initialised = tmp.resolve("client-init.log");
            Map<String, String> logged = Map.of("XDG_RUNTIME_DIR", runtime.toString(),
                    "BERTH_JAVA_OPTS", asUser + " -Xlog:class+load:file=" + log + " -Xlog:class+init=info:file=" + initialised);
            assertThat(berth(logged, "status")).as("with its own cache").isEqualTo(first);
            assertThat(Files.readString(log)).contains("dev.berth.cli.DaemonShortcut source: shared objects file")
                    .contains("dev.berth.agent.ControlClient source: shared objects file");
            // the UNIX socket's SelectorProvider is named: no search of the class path (in the real jar it opens the jar)
            assertThat(Files.readString(initialised)).contains("sun/nio/ch/EPollSelectorProvider")
                    .doesNotContain("java/util/ServiceLoader$LazyClassPathLookupIterator'");
            assertThat(berth(logged, "sync", "-q")).as("a sync through the same cache").isEqualTo(new Ran(0, answer + "\n", ""));

            Files.writeString(cache.resolve("berth-client.aot"), "not an AOT cache");
            Files.setLastModifiedTime(cache.resolve("berth-client.aot"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertThat(berth(env, "status")).as("a broken cache of its own").isEqualTo(first);
        }
    }
}
