package dev.berth.cli;

import dev.berth.state.SafetySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = {"Hand a unit of this host over to Berth. " +
            "Berth refuses to install a unit whose name the host already has (in systemd's unit folders or quadlet's " +
            "search folders) and to overwrite files it did not write. After 'berth adopt NAME' the repository may install " +
            "NAME: the host's file in Berth's unit folder is overwritten by the repository's, and removed when the " +
            "repository drops it; a host quadlet that quadlet would read before Berth's is kept as NAME.berth-adopted."})
final class AdoptCommand extends HostCommand {

    @Parameters(paramLabel = "UNIT", arity = "1..*", description = "Unit names, e.g. nginx.service.")
    java.util.List<String> units;

    @Override
    public Integer call() throws Exception {
        var berth = berth();
        for (String u : units) {
            if (u.contains("/") || u.isBlank()) {
                throw new IllegalArgumentException("'" + u + "' is not a unit name: give a file name like nginx.service");
            }
        }
        return berth.exclusive(() -> {
            SafetySettings s = berth.safety().settings();
            for (String u : units) {
                s = s.withAdopted(u);
            }
            berth.safety().saveSettings(s);
            out().println("adopted " + String.join(", ", units) + ": the next sync may install them");
            return 0;
        });
    }
}
