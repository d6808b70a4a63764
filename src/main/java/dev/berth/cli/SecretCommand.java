package dev.berth.cli;

import dev.berth.host.HostLayout;
import dev.berth.secret.AgeCodec;
import dev.berth.secret.AgeIdentity;
import dev.berth.secret.SecretException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {"Encrypted secrets in the repository (age, X25519 keys). " +
            "A file NAME.age anywhere in the repository defines the Podman secret NAME. " +
            "A container using it (Secret=NAME or Secret=NAME,type=env,target=VAR) " +
            "restarts when the file changes. At sync the host decrypts it in memory " +
            "with its own key and hands it to 'podman secret create' on stdin: the " +
            "plaintext is never written to the repository, a log, the status or a file. " +
            "Workflow: 'berth secret keygen' on the host, then " +
            "'berth secret encrypt -r age1... FILE' anywhere, and commit FILE.age."},
        subcommands = {SecretCommand.Keygen.class, SecretCommand.Recipient.class, SecretCommand.Encrypt.class})
final class SecretCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path identityFile(HostOptions host) {
        return AgeIdentity.fileIn(HostLayout.forCurrentUser(host.stateDir).stateDir());
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Create this host's age key and print its recipient (age1...). " +
                "The key goes to Berth's state folder (mode 0600); encrypt this host's " +
                "secrets to the recipient printed."})
    static final class Keygen implements Callable<Integer> {
        @Mixin
        HostOptions host = new HostOptions();

        @Option(names = "--force", description = "Replace an existing key (secrets encrypted to the old one no longer decrypt).")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws SecretException {
            Path file = identityFile(host);
            AgeIdentity identity = AgeIdentity.generate();
            identity.writeTo(file, force);
            PrintWriter err = spec.commandLine().getErr();
            if (!host.quiet) {
                err.println("created " + file + "; encrypt secrets for this host to this recipient:");
                err.flush();
            }
            spec.commandLine().getOut().println(identity.recipient());
            return 0;
        }
    }

    @Command(name = "recipient", mixinStandardHelpOptions = true,
            description = "Print this host's public age recipient (age1...): encrypt secrets for this host to it.")
    static final class Recipient implements Callable<Integer> {
        @Mixin
        HostOptions host = new HostOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws SecretException {
            spec.commandLine().getOut().println(AgeIdentity.read(identityFile(host)).recipient());
            return 0;
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = {"Encrypt FILE (or stdin, '-') to age recipients, writing FILE.age. " +
                "Binary age format, readable by the 'age' tool; commit it. The file name " +
                "without .age is the secret's name."})
    static final class Encrypt implements Callable<Integer> {
        @Option(names = {"-r", "--recipient"}, required = true, paramLabel = "age1...",
                description = "A recipient to encrypt to (repeatable): each host's is printed by 'berth secret recipient' there.")
        List<String> recipients;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT",
                description = "Where to write the encrypted file (default: FILE.age; required when reading standard input).")
        Path output;

        @Parameters(paramLabel = "FILE", description = "The plaintext file, or '-' for standard input.")
        String input;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws SecretException, IOException {
            boolean stdin = input.equals("-");
            if (stdin && output == null) {
                throw new IllegalArgumentException("reading standard input: give the file to write with --output NAME.age");
            }
            Path out = output != null ? output : Path.of(input + ".age");
            byte[] plaintext = stdin ? System.in.readAllBytes() : Files.readAllBytes(Path.of(input));
            try {
                Files.write(out, AgeCodec.encrypt(plaintext, recipients));
            } finally {
                java.util.Arrays.fill(plaintext, (byte) 0);
            }
            spec.commandLine().getOut().println("wrote " + out + ": commit it; the Podman secret's name is the file name without .age");
            return 0;
        }
    }
}
