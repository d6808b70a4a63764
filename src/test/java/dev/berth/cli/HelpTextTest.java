package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli prints each element of a description array on a line of its own, so an element that ends
 * mid-sentence shows as a sentence broken across lines in {@code --help}. Every element must end a sentence.
 */
class HelpTextTest {

    @Test
    void noHelpDescriptionBreaksMidSentence() {
        List<String> broken = new ArrayList<>();
        visit(Main.commandLine(), broken);
        assertThat(broken).as("description lines that end mid-sentence").isEmpty();
    }

    @Test
    void everyCommandAndOptionIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(Main.commandLine(), undescribed);
        assertThat(undescribed).isEmpty();
    }

    private static void visit(CommandLine cl, List<String> broken) {
        CommandSpec spec = cl.getCommandSpec();
        check(spec.qualifiedName(), spec.usageMessage().description(), broken);
        for (ArgSpec arg : spec.args()) {
            check(spec.qualifiedName() + " " + label(arg), arg.description(), broken);
        }
        cl.getSubcommands().values().forEach(sub -> visit(sub, broken));
    }

    private static void check(String where, String[] lines, List<String> broken) {
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.matches(".*[.:!?)]$")) {
                broken.add(where + ": \"" + line + "\"");
            }
        }
    }

    private static void collectUndescribed(CommandLine cl, List<String> undescribed) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.usageMessage().description().length == 0 && !spec.name().equals("help")) {
            undescribed.add(spec.qualifiedName());
        }
        for (ArgSpec arg : spec.args()) {
            if (arg.description().length == 0 && !arg.hidden()) {
                undescribed.add(spec.qualifiedName() + " " + label(arg));
            }
        }
        cl.getSubcommands().values().forEach(sub -> collectUndescribed(sub, undescribed));
    }

    private static String label(ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
    }
}
