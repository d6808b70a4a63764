package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.build.PodmanVersion;
import dev.berth.repo.Problem;
import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Berth's offline verdict (no Podman on this machine) on Podman's own quadlet test files, against
 * quadlet's verdict recorded in the corpus manifest, for each Podman release Berth supports: every case
 * quadlet rejects is rejected; no case it accepts is rejected, except those the manifest marks
 * berth-stricter, which Berth must reject for exactly the reasons given there (a reference the one-file
 * repository cannot hold, or two units making one service); and nothing crashes.
 */
class QuadletCorpusTest {

    @TempDir
    Path tmp;

    @Test
    void theManifestListsEveryQuadletFileOfTheCorpusOnce() {
        List<String> listed = QuadletCorpus.cases().stream().map(QuadletCorpus.Case::file).toList();
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(QuadletCorpus.unitFiles());
    }

    @Test
    void theCorpusHoldsWhatTheIssueCounted() {
        List<QuadletCorpus.Case> cases = QuadletCorpus.cases();
        assertThat(cases).hasSizeGreaterThan(300);
        // the 24 files Podman's tests mark "assert-failed" (quadlet 5.8 rejects them), and the two containers of
        // startwithpod.pod, which quadlet rejects on their own since their pod is not next to them
        assertThat(cases.stream().filter(c -> !c.quadletAccepts("5.8"))).hasSize(26);
    }

    @ParameterizedTest(name = "Podman {0}")
    @ValueSource(strings = {"5.4", "5.8"})
    void berthsVerdictMatchesQuadletsOnEveryCase(String version) throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (QuadletCorpus.Case c : QuadletCorpus.cases()) {
            Path repo = QuadletCorpus.layOut(c, tmp.resolve(version).resolve(c.file().replace('/', '_')));
            List<Problem> errors = verdict(repo, version);
            boolean berthAccepts = errors.isEmpty();
            boolean quadletAccepts = c.quadletAccepts(version);
            boolean stricter = !c.berthStricter().isEmpty();
            String why = errors.stream().map(Problem::toString).collect(Collectors.joining("\n      "));
            if (errors.stream().anyMatch(p -> p.message().contains("Berth bug"))) {
                mismatches.add(c + ": a rule crashed:\n      " + why);
            } else if (!quadletAccepts && berthAccepts) {
                mismatches.add(c + ": quadlet rejects it, Berth accepts it");
            } else if (quadletAccepts && !stricter && !berthAccepts) {
                mismatches.add(c + ": quadlet accepts it, Berth rejects it:\n      " + why);
            } else if (quadletAccepts && stricter && (berthAccepts || !errors.stream().allMatch(p -> explains(c, p)))) {
                mismatches.add(c + ": marked berth-stricter, but Berth " + (berthAccepts ? "accepts it" : "rejects it for more than references:\n      " + why));
            }
        }
        assertThat(mismatches).as("cases where Berth (offline, Podman %s) and quadlet disagree", version).isEmpty();
    }

    /** Berth's errors for a case repository, checked against {@code version} without any Podman. */
    static List<Problem> verdict(Path repo, String version) {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, QuadletGenerator.NONE, Optional.of(PodmanVersion.parse(version)))
                .validate(repo).problems().stream().filter(Problem::isError).toList();
    }

    /** True when {@code p} is one of the reasons the manifest gives for Berth being stricter than quadlet on {@code c}. */
    static boolean explains(QuadletCorpus.Case c, Problem p) {
        String m = p.message();
        boolean reference = m.contains("which is not in the repository") || m.contains("does not exist in the repository")
                || m.contains("points outside the repository");
        boolean sameService = m.startsWith("becomes ") && m.contains(", as ");
        return reference && c.berthStricter().contains(QuadletCorpus.Stricter.REFERENCE)
                || sameService && c.berthStricter().contains(QuadletCorpus.Stricter.SAME_SERVICE);
    }
}
