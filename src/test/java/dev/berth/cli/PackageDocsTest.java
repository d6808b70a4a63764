package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageDocsTest {
    @Test
    void theManPageHasEveryVisibleCommandAndEscapesTroff() {
        String page = PackageDocs.manPage(Main.commandLine(), "1.2.3", "2026-11-30");
        assertThat(page).startsWith(".TH BERTH 1 \"2026-11-30\" \"berth 1.2.3\"");
        assertThat(page).contains(".SS berth init\n.nf\nUsage: berth init").contains(".SS berth sync").contains(".SS berth prune");
        // a usage line starting with a dot or quote would be read as a troff request; a backslash as an escape
        assertThat(page.lines().filter(l -> !l.startsWith(".TH") && !l.startsWith(".SH") && !l.startsWith(".SS")
                && !l.equals(".nf") && !l.equals(".fi") && !l.equals(".TP") && !l.equals(".B berth"))).noneMatch(l -> l.startsWith("."));
        assertThat(page.lines().filter(l -> l.contains("\\") && !l.contains("\\e") && !l.contains("\\f") && !l.contains("\\-")
                && !l.contains("\\&"))).isEmpty();
    }
}
