package dev.berth.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code podman build} a {@code .build} unit runs, as quadlet generates it.
 *
 * @param unit             the build unit's file name
 * @param service          the generated service ({@code web-build.service})
 * @param workingDirectory where it runs (quadlet's {@code WorkingDirectory=}), or null
 * @param argv             the command line, starting with the podman binary
 */
public record PodmanBuild(String unit, String service, Path workingDirectory, List<String> argv) {

    public PodmanBuild {
        argv = List.copyOf(argv);
    }

    /** The image name it tags ({@code --tag}/{@code -t}), or null. */
    public String tag() {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if ((a.equals("--tag") || a.equals("-t")) && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (a.startsWith("--tag=")) {
                return a.substring("--tag=".length());
            }
        }
        return null;
    }

    /** The same build under another tag (every {@code --tag} replaced by one), with extra flags after {@code build}. */
    public PodmanBuild retagged(String newTag, List<String> extraFlags) {
        List<String> out = new ArrayList<>();
        boolean tagged = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if ((a.equals("--tag") || a.equals("-t")) && i + 1 < argv.size()) {
                i++;
                if (!tagged) {
                    out.add("--tag");
                    out.add(newTag);
                    tagged = true;
                }
                continue;
            }
            if (a.startsWith("--tag=")) {
                if (!tagged) {
                    out.add("--tag=" + newTag);
                    tagged = true;
                }
                continue;
            }
            out.add(a);
            if (a.equals("build") && out.size() == 2) {
                out.addAll(extraFlags);
                if (!tagged) {
                    out.add("--tag");
                    out.add(newTag);
                    tagged = true;
                }
            }
        }
        return new PodmanBuild(unit, service, workingDirectory, out);
    }
}
