package dev.berth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that touches the host shares. */
final class HostOptions {

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:BERTH_STATE_DIR}",
            description = "Berth's state folder (default: /var/lib/berth as root, ~/.local/share/berth otherwise; env BERTH_STATE_DIR).")
    Path stateDir;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final result.")
    boolean quiet;
}
