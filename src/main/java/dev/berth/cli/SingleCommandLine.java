package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line for one run of {@code berth}: when its first word names one of the commands, picocli builds the
 * model of that command alone, under a bare {@code berth}. Its model of all twenty commands (each one's options and
 * help text, reflected on and many of its classes read from the jar, since picocli's cannot be in the AOT cache) is
 * most of a start-up. Anything else (no command, an option first, {@code help}, a misspelt command that picocli
 * suggests a fix for) gets the whole model. Either way prints the same ({@code SingleCommandLineTest}).
 */
final class SingleCommandLine {
    private SingleCommandLine() {
    }

    static CommandLine of(String[] args) {
        if (args.length == 0) {
            return Main.commandLine();
        }
        for (Class<?> type : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = type.getAnnotation(Command.class);
            if (command != null && type != CommandLine.HelpCommand.class && command.name().equals(args[0])) {
                CommandSpec berth = CommandSpec.wrapWithoutInspection(new Main()).name("berth")
                        .versionProvider(new VersionProvider()).mixinStandardHelpOptions(true);
                return ErrorHandler.install(new CommandLine(berth).addSubcommand(type));
            }
        }
        return Main.commandLine();
    }
}
