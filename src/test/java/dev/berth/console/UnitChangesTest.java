package dev.berth.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.LastChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which files count for a unit: its file wherever it lies, and its drop-in folders (type-wide ones too); newest wins. */
class UnitChangesTest {
    private static LastChange at(String commit, long time) {
        return new LastChange(commit, time);
    }

    @Test
    void aUnitIsChangedByItsFileAndItsDropInsWhicheverIsNewest() {
        Map<String, LastChange> byFile = Map.of(
                "web/app.container", at("c1", 100),
                "web/app.container.d/10-env.conf", at("c3", 300),
                "db.container", at("c2", 200),
                "container.d/50-all.conf", at("c0", 50),
                "app-.container.d/x.conf", at("c4", 400),
                "notes/app.container.txt", at("c9", 900),
                "other.container.d/y.conf", at("c8", 800));
        Map<String, LastChange> byUnit = UnitChanges.byUnit(byFile, List.of("app-web.container", "app.container", "db.container",
                "lonely.network"));
        assertThat(byUnit.get("app.container")).isEqualTo(at("c3", 300));
        assertThat(byUnit.get("db.container")).as("the type-wide drop-in is older").isEqualTo(at("c2", 200));
        assertThat(byUnit.get("app-web.container")).as("a dash-truncated drop-in folder applies").isEqualTo(at("c4", 400));
        assertThat(byUnit).doesNotContainKey("lonely.network");
    }
}
