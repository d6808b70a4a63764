package dev.berth.cli;

import dev.berth.build.BuildException;
import dev.berth.build.CleanEnvironmentRunner;
import dev.berth.build.GeneratedBuilds;
import dev.berth.build.ImageBuilds;
import dev.berth.build.PodmanBuild;
import dev.berth.failure.FailureKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the images of the deployed .build units now, with the same flags, context and tag as the"
                + " units (including Berth's reproducible-build epoch). Running containers are not restarted. " +
                "SOURCE_DATE_EPOCH from Berth's own environment is never passed to podman."})
final class BuildCommand extends HostCommand {

    @Parameters(paramLabel = "UNIT", arity = "0..*",
            description = "Build units to build, by file name (web.build) or service (web-build.service). Default: all deployed.")
    List<String> units = new ArrayList<>();

    @Option(names = "--verify", description = "Build each image twice from scratch (--no-cache) under temporary tags and compare"
            + " their manifest digests; on a mismatch, name the config fields and layer entries that differ"
            + " (path and what: content, mtime, owner, mode). Exit 1 if any build is not reproducible.")
    boolean verify;

    @Option(names = "--push", paramLabel = "REGISTRY", description = "Push each built image to REGISTRY (host[:port][/path])"
            + " under its name and tag; a registry that already has the layers receives no new blobs.")
    String registry;

    @Override
    public Integer call() throws Exception {
        var berth = berth();
        PrintWriter o = out();
        Map<String, PodmanBuild> byUnit = new TreeMap<>();
        for (PodmanBuild b : new GeneratedBuilds(berth.runner()).in(berth.layout().quadletDir(), berth.layout().rootless()).values()) {
            byUnit.put(b.unit(), b);
        }
        List<PodmanBuild> chosen = new ArrayList<>();
        if (units.isEmpty()) {
            chosen.addAll(byUnit.values());
        }
        for (String name : units) {
            PodmanBuild b = byUnit.values().stream()
                    .filter(x -> x.unit().equals(name) || x.service().equals(name) || x.service().equals(name + ".service"))
                    .findFirst()
                    .orElseThrow(() -> new BuildException(FailureKind.INVALID_INPUT, "no deployed build unit '" + name + "' in " + berth.layout().quadletDir()
                            + ": deployed ones are " + (byUnit.isEmpty() ? "none" : String.join(", ", byUnit.keySet()))));
            chosen.add(b);
        }
        if (chosen.isEmpty()) {
            o.println("no .build units are deployed on this host");
            return 0;
        }
        ImageBuilds images = new ImageBuilds(berth.podman(), new CleanEnvironmentRunner());
        int exit = 0;
        for (PodmanBuild b : chosen) {
            if (verify) {
                o.println("verify " + b.unit() + ": two builds from scratch ...");
                o.flush();
                ImageBuilds.Verification v = images.verify(b);
                if (v.reproducible()) {
                    o.println("  reproducible: both builds have manifest digest " + v.firstDigest());
                } else {
                    exit = ErrorHandler.EXIT_FAILURE;
                    o.println("  NOT reproducible: manifest digests " + v.firstDigest() + " and " + v.secondDigest());
                    v.differences().forEach(d -> o.println("    " + d));
                }
            } else {
                o.println("build " + b.unit() + " (" + b.tag() + ") ...");
                o.flush();
                ImageBuilds.Image image = images.build(b);
                o.println("  image " + image.id() + " digest " + image.digest());
            }
            if (registry != null) {
                if (verify) {
                    images.build(b); // --verify builds under temporary tags: push the unit's own tag
                }
                o.println("  pushed to " + images.push(b.tag(), registry));
            }
            o.flush();
        }
        return exit;
    }
}
