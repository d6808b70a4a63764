package dev.berth;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Berth's packages point one way: each may use only the packages of the tiers below its own, so none can
 * form a cycle, and {@code host} (systemd, Podman, processes, files) stays at the edge, knowing no domain.
 * A new package must be put in a tier here ({@link #everyPackageHasATier} fails until it is).
 */
class PackageDependenciesTest {

    private static final String ROOT = "dev.berth";

    /**
     * Bottom to top. Packages in one tier do not use each other.
     */
    private static final List<List<String>> TIERS = List.of(
            List.of("json", "failure"),                   // the one configured JSON mapper (Jackson); failures by kind
            List.of("host"),                              // the edge: only the JDK, libraries and the JSON mapper
            List.of("unit", "http"),                      // unit-file syntax; the embedded HTTP server (Tomcat)
            List.of("repo"),                              // a checkout read as units and files to install
            List.of("git", "state", "mcp.declaration"),   // fetching; the host's records; MCP servers a checkout declares
            List.of("secret", "fleet", "plan", "hooks"),  // repository secrets; host targeting; desired vs. recorded; webhooks
            List.of("build"),                             // image builds: buildChanged reads the Plan
            List.of("validate"),                          // checks a checkout (quadlet keys per build.PodmanVersion)
            List.of("desired"),                           // load + validate + target + prepare builds
            List.of("apply"),                             // carrying a plan out on the host
            List.of("pipeline"),                          // one deployment, step by step
            List.of("mcp.gateway"),                       // MCP servers served through Berth's endpoint
            List.of("status"),                            // what berth status reports: state, git, builds, gateway
            List.of("agent"),                             // the daemon's queue: one sync at a time
            List.of(""),                                  // dev.berth: the library entry (Berth)
            List.of("mcp", "metrics", "notify"),          // callers of the library: over HTTP and stdio; notifications
            List.of("console"),                           // the web console: signs in with MCP's token
            List.of("cli"));                              // picocli commands: nothing may use them

    private static final JavaClasses BERTH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noCycleBetweenPackages() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(BERTH);
    }

    @Test
    void eachPackageUsesOnlyTheTiersBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true); // a tier may name a package that has no class yet
        for (List<String> tier : TIERS) {
            for (String pkg : tier) {
                layers = layers.layer(layerName(pkg)).definedBy(packageOf(pkg));
            }
        }
        List<String> below = new ArrayList<>();
        for (List<String> tier : TIERS) {
            for (String pkg : tier) {
                layers = below.isEmpty()
                        ? layers.whereLayer(layerName(pkg)).mayNotAccessAnyLayer()
                        : layers.whereLayer(layerName(pkg)).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
            tier.forEach(pkg -> below.add(layerName(pkg)));
        }
        layers.check(BERTH);
    }

    @Test
    void hostKnowsNoDomainPackage() {
        noClasses().that().resideInAPackage("dev.berth.host")
                .should().dependOnClassesThat(resideInAPackage("dev.berth..")
                        .and(not(resideInAnyPackage("dev.berth.host", "dev.berth.json", "dev.berth.failure"))))
                .because("host is the edge (systemd, Podman, processes, files): the domain uses it, never the reverse")
                .check(BERTH);
    }

    @Test
    void nothingOutsideCliUsesCli() {
        noClasses().that(resideOutsideOfPackage("dev.berth.cli"))
                .should().dependOnClassesThat().resideInAPackage("dev.berth.cli")
                .because("the commands are the top: a library user of Berth has no picocli")
                .check(BERTH);
    }

    @Test
    void everyPackageHasATier() {
        List<String> placed = TIERS.stream().flatMap(List::stream).map(PackageDependenciesTest::packageOf).toList();
        classes().that().resideInAPackage("dev.berth..")
                .should().resideInAnyPackage(placed.toArray(String[]::new))
                .because("a package missing from TIERS escapes the layering rule: put it in a tier")
                .check(BERTH);
    }

    private static String packageOf(String pkg) {
        return pkg.isEmpty() ? ROOT : ROOT + "." + pkg;
    }

    private static String layerName(String pkg) {
        return pkg.isEmpty() ? "dev.berth (entry)" : pkg;
    }

    /** One slice per package, sub-packages included as their own (mcp and mcp.gateway are two). */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of " + ROOT;
        }
    };
}
