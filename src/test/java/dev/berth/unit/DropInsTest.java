package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected orders follow podman-systemd.unit(5) and quadlet's own search (least specific first). */
class DropInsTest {

    private static java.util.List<String> dirs(String fileName) {
        return DropIns.directoriesFor(UnitName.parse(fileName).orElseThrow());
    }

    @Test
    void plainUnitHasTypeWideAndOwnFolder() {
        assertThat(dirs("foo.container")).containsExactly("container.d", "foo.container.d");
    }

    @Test
    void everyDashTruncationIsSearchedAsTheDocsSay() {
        // "foo-bar-baz.container": foo-.container.d and foo-bar-.container.d, container.d lowest
        assertThat(dirs("foo-bar-baz.container")).containsExactly(
                "container.d", "foo-.container.d", "foo-bar-.container.d", "foo-bar-baz.container.d");
    }

    @Test
    void typeWideFolderUsesTheKind() {
        assertThat(dirs("db.volume")).containsExactly("volume.d", "db.volume.d");
        assertThat(dirs("web.pod")).first().isEqualTo("pod.d");
        assertThat(dirs("tools.artifact")).first().isEqualTo("artifact.d");
    }

    @Test
    void instanceReadsTemplateFolderToo() {
        assertThat(dirs("sleep@10.container")).containsExactly(
                "container.d", "sleep@.container.d", "sleep@10.container.d");
    }

    @Test
    void templateReadsOnlyItsOwnFolder() {
        assertThat(dirs("sleep@.container")).containsExactly("container.d", "sleep@.container.d");
    }

    @Test
    void dashedTemplateSearchesTruncatedTemplateFoldersToo() {
        assertThat(dirs("foo-bar@x.container")).containsExactly(
                "container.d", "foo-.container.d", "foo-@.container.d", "foo-bar@.container.d",
                "foo-bar@x.container.d");
    }

    @Test
    void instanceNameIsNeverTruncated() {
        assertThat(dirs("web@blue-green.container")).containsExactly(
                "container.d", "web@.container.d", "web@blue-green.container.d");
    }

    @Test
    void nameEndingInADashListsItsFolderOnce() {
        assertThat(dirs("foo-.container")).containsExactly("container.d", "foo-.container.d");
        assertThat(dirs("foo-@.container")).containsExactly(
                "container.d", "foo-.container.d", "foo-@.container.d");
    }

    @Test
    void repeatedDashes() {
        assertThat(dirs("a--b.network")).containsExactly(
                "network.d", "a-.network.d", "a--.network.d", "a--b.network.d");
    }

    @Test
    void plainSystemdUnitsFollowTheSameScheme() {
        assertThat(dirs("backup-daily.timer")).containsExactly(
                "timer.d", "backup-.timer.d", "backup-daily.timer.d");
    }
}
