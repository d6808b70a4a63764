package dev.berth.cli;

import dev.berth.host.AtomicFileWriter;
import dev.berth.mcp.declaration.McpLock;
import dev.berth.mcp.gateway.DeclarationSource;
import dev.berth.mcp.gateway.DeployedDeclarations;
import dev.berth.mcp.gateway.LockMaker;
import dev.berth.mcp.gateway.TreeDeclarations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lock", mixinStandardHelpOptions = true,
        description = {"Pin the tool definitions of the MCP servers the repository declares: connects to each server " +
            "(an HTTP server's unit must be running; a stdio server is started for the listing), reads its tools and " +
            "prints mcp.lock: the sha256 of each tool's name, description, schemas and annotations. Commit the file at " +
            "the root of the repository (the --path folder Berth follows). Berth serves only tools whose live definition " +
            "matches the lock, so a server cannot change what its tools say or do without a commit. " +
            " " +
            "Example: berth mcp lock -o ~/src/deploy/mcp.lock && git -C ~/src/deploy commit -am 'pin MCP tools'"})
final class McpLockCommand extends HostCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the lock to FILE (default: print it).")
    Path output;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Read the declarations from this working tree (default: the commit this host has deployed).")
    Path repo;

    @Override
    public Integer call() throws Exception {
        DeclarationSource source = repo != null ? new TreeDeclarations(repo) : new DeployedDeclarations(HostCommand.open(host, err(), err()).store());
        DeclarationSource.Snapshot snapshot = source.load();
        if (snapshot.servers().isEmpty()) {
            err().println("berth: no MCP servers are declared in " + (repo != null ? repo : "the deployed commit")
                    + " ([X-Berth] MCP= in a .container unit, or a NAME.mcp file); the lock is empty");
        }
        McpLock lock = LockMaker.make(snapshot, line -> {
            err().println("berth: " + line);
            err().flush();
        });
        if (output == null) {
            out().print(lock.toJson());
            out().flush();
        } else {
            AtomicFileWriter.write(output.toAbsolutePath(), lock.toJson().getBytes(StandardCharsets.UTF_8));
            err().println("berth: wrote " + output + " (" + lock.servers().size() + " servers); commit it to the repository");
        }
        return 0;
    }
}
