package dev.berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * What {@code scripts/package} ships next to the program, made from picocli's model of the commands so it cannot
 * drift from {@code --help}: the bash completion script (picocli's {@link AutoComplete}) and a man page, {@code berth(1)},
 * whose sections are the usage text of {@code berth} and of every subcommand. The man page is plain troff written
 * here: picocli's own generator writes AsciiDoc, which needs Asciidoctor (Ruby) to become a man page.
 * Usage: {@code PackageDocs COMPLETION_FILE MAN_FILE VERSION DATE}.
 */
public final class PackageDocs {
    private static final int WIDTH = 80;

    private PackageDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: PackageDocs COMPLETION_FILE MAN_FILE VERSION DATE");
        }
        CommandLine berth = Main.commandLine();
        Files.writeString(Path.of(args[0]), AutoComplete.bash("berth", berth));
        Files.writeString(Path.of(args[1]), manPage(berth, args[2], args[3]));
    }

    /** The man page: NAME, SYNOPSIS and DESCRIPTION from the top-level usage, then one subsection per command. */
    static String manPage(CommandLine berth, String version, String date) {
        List<String> page = new ArrayList<>();
        page.add(".TH BERTH 1 \"" + date + "\" \"berth " + version + "\" \"User Commands\"");
        page.add(".SH NAME");
        page.add("berth \\- GitOps agent for Podman hosts: follows a git repository of quadlets and systemd units");
        page.add(".SH SYNOPSIS");
        page.add(".B berth");
        page.add("[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]");
        page.add(".SH DESCRIPTION");
        page.addAll(verbatim(usage(berth)));
        page.add(".SH COMMANDS");
        berth.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                page.add(".SS berth " + roff(name));
                page.addAll(verbatim(usage(sub)));
            }
        });
        page.add(".SH FILES");
        page.add(".TP\n/var/lib/berth\nThe state: the followed repository, the deployed commit, the history.");
        page.add(".TP\n/usr/lib/systemd/system/berth.service\nThe daemon (berth run), enabled by a repository that deploys it.");
        return String.join("\n", page) + "\n";
    }

    private static String usage(CommandLine command) {
        command.setUsageHelpWidth(WIDTH);
        return command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Text shown as it is: no filling, and troff's control characters escaped. */
    private static List<String> verbatim(String text) {
        List<String> lines = new ArrayList<>();
        lines.add(".nf");
        text.lines().map(PackageDocs::roff).forEach(lines::add);
        lines.add(".fi");
        return lines;
    }

    private static String roff(String line) {
        String escaped = line.replace("\\", "\\e");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
