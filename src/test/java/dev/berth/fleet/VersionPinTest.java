package dev.berth.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionPinTest {
    @TempDir
    Path repo;

    @Test
    void anExactVersionAdmitsOnlyItself() {
        VersionPin pin = new VersionPin("0.1.0", 2);
        assertThat(pin.admits("0.1.0")).isTrue();
        assertThat(pin.admits("0.1.0-SNAPSHOT")).isFalse();
        assertThat(pin.admits("0.1.01")).isFalse();
        assertThat(pin.admits("dev")).isFalse();
    }

    @Test
    void aStarAdmitsEveryVersionUnderItsPrefix() {
        VersionPin pin = new VersionPin("0.1.*", 2);
        assertThat(pin.admits("0.1.0")).isTrue();
        assertThat(pin.admits("0.1.7-SNAPSHOT")).isTrue();
        assertThat(pin.admits("0.10.0")).isFalse();
        assertThat(pin.admits("0.2.0")).isFalse();
    }

    @Test
    void readFindsTheTableAndItsLineAndIgnoresTheRestOfTheFile() throws Exception {
        Files.writeString(repo.resolve("berth.toml"), "default = \"all\"\n\n[berth]\n  version = \"0.2.0\"\nfuture = 1\n");
        assertThat(VersionPin.read(repo)).contains(new VersionPin("0.2.0", 4));
    }

    @Test
    void noFileNoTableOrAMalformedPinIsNoPin() throws Exception {
        assertThat(VersionPin.read(repo)).isEmpty();
        Files.writeString(repo.resolve("berth.toml"), "default = \"all\"\n");
        assertThat(VersionPin.read(repo)).isEmpty();
        Files.writeString(repo.resolve("berth.toml"), "[berth]\nversion = 1\n");
        assertThat(VersionPin.read(repo)).isEmpty();
        Files.writeString(repo.resolve("berth.toml"), "[berth\nversion = \"0.1.0\"\n");
        assertThat(VersionPin.read(repo)).isEmpty();
    }

    @Test
    void validationNamesAMalformedPinItsLineAndTheFix() {
        FleetFileReader.Result r = FleetFileReader.parse("[berth]\nversion = 0.1\nlatest = true\n");
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("2").contains("[berth] version = 0.1").contains("version = \"0.1.0\""))
                .anySatisfy(p -> assertThat(p).contains("unknown key 'latest'"));
        assertThat(FleetFileReader.parse("[berth]\nversion = \"0.1.*\"\n").hasErrors()).isFalse();
    }

    @Test
    void theRefusalSaysFileLineBothVersionsAndWhatToDo() {
        assertThat(new VersionPin("0.2.0", 3).refusal("abc1234", "0.1.0"))
                .contains("abc1234").contains("berth.toml line 3").contains("asks for Berth 0.2.0").contains("runs Berth 0.1.0")
                .contains("Install Berth 0.2.0").contains("Nothing was changed");
    }
}
