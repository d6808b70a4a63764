package dev.berth.mcp;

/** Where every write call is recorded: who asked, which tool, with which arguments, and how it ended. */
@FunctionalInterface
public interface WriteLog {
    void record(String line);
}
