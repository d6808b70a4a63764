package dev.berth.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"berth " + (v == null ? "dev" : v), "Java " + Runtime.version()};
    }
}
