package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TreePathsTest {
    private final Path root = Path.of("/var/lib/berth/checkouts/current.partial");

    @Test
    void ordinaryPathsPass() throws Exception {
        assertThat(TreePaths.problem("web/web.container")).isEmpty();
        assertThat(TreePaths.problem(".gitignore")).as("only .git itself is git's").isEmpty();
        assertThat(TreePaths.problem("a/.github/x")).isEmpty();
        assertThat(TreePaths.problem("...")).as("three dots is a plain name").isEmpty();
        assertThat(TreePaths.problem("a..b/c.")).isEmpty();
        assertThat(TreePaths.inside(root, "web/web.container")).isEqualTo(root.resolve("web/web.container"));
    }

    @Test
    void dotDotAnywhereIsRefused() {
        assertThat(TreePaths.problem("..")).get().asString().contains("'..'").contains("leads out");
        assertThat(TreePaths.problem("../../etc/cron.d/x")).get().asString().contains("'..'");
        assertThat(TreePaths.problem("web/../../x")).get().asString().contains("'web/../../x'").contains("'..'");
        assertThat(TreePaths.problem("web/..")).isPresent();
    }

    @Test
    void dotIsRefused() {
        assertThat(TreePaths.problem(".")).get().asString().contains("named '.'");
        assertThat(TreePaths.problem("a/./b")).get().asString().contains("named '.'");
    }

    @Test
    void dotGitInAnyCaseIsRefused() {
        assertThat(TreePaths.problem(".git/hooks/post-checkout")).get().asString().contains("'.git'");
        assertThat(TreePaths.problem("web/.git/config")).isPresent();
        assertThat(TreePaths.problem("web/.GIT/config")).get().asString().contains("'.GIT'");
        assertThat(TreePaths.problem("web/.Git")).isPresent();
    }

    @Test
    void emptyNamesAreRefused() {
        assertThat(TreePaths.problem("")).get().asString().contains("empty name");
        assertThat(TreePaths.problem("/etc/passwd")).as("an absolute path starts with an empty name").isPresent();
        assertThat(TreePaths.problem("a//b")).isPresent();
        assertThat(TreePaths.problem("a/")).isPresent();
    }

    @Test
    void insideRefusesWhatLeavesTheRootOnceNormalised() {
        assertThatThrownBy(() -> TreePaths.inside(root, "../../../../tmp/x")).isInstanceOf(UnsafeTreeException.class)
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> TreePaths.inside(root, "/tmp/x")).isInstanceOf(UnsafeTreeException.class);
        assertThatThrownBy(() -> TreePaths.inside(root, "a/./b")).isInstanceOf(UnsafeTreeException.class);
    }
}
