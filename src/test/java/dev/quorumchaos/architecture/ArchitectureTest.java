package dev.quorumchaos.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout the service seam promises: a service's client library is imported only by its
 * adapter, no package depends on itself through others, and no package is named {@code target}.
 * The main classes are imported once for every rule.
 */
class ArchitectureTest {

    private static final String SETTINGS = "dev.quorumchaos.settings.RunSettings";
    /** A member JVM's entry point: it runs apart from the harness, told its directory by a property. */
    private static final String MEMBER_MAIN = "dev.quorumchaos.service.zookeeper.StandbyMain";
    private static final Map<String, Set<String>> SETTING_READERS = Map.of(
            "java.lang.System", Set.of("getProperty", "getProperties", "getenv"),
            "java.lang.Boolean", Set.of("getBoolean"),
            "java.lang.Integer", Set.of("getInteger"),
            "java.lang.Long", Set.of("getLong"));
    private static final DescribedPredicate<JavaMethodCall> READS_A_SETTING = DescribedPredicate.describe(
            "reads a system property or an environment variable", call ->
                    SETTING_READERS.getOrDefault(call.getTargetOwner().getName(), Set.of()).contains(call.getName()));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // the rules need the names of what main classes use, not those classes: resolving them
        // from the classpath would import much of fabric8, gRPC and ZooKeeper too
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.quorumchaos");
    }

    @AfterAll
    static void resetConfiguration() {
        ArchConfiguration.get().reset();
    }

    @Test
    void onlyTheZooKeeperAdapterImportsZooKeeper() {
        EvaluationResult result = noClasses().that().resideOutsideOfPackage("dev.quorumchaos.service.zookeeper..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.zookeeper..", "org.apache.curator..")
                .evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void onlyTheEtcdAdapterImportsEtcd() {
        EvaluationResult result = noClasses().that().resideOutsideOfPackage("dev.quorumchaos.service.etcd..")
                .should().dependOnClassesThat().resideInAnyPackage("io.etcd..")
                .evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        EvaluationResult result = slices().matching("dev.quorumchaos.(**)").should().beFreeOfCycles().evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void noPackageIsNamedTarget() {
        // build tools, IDEs, code search and the usual .gitignore rule skip a directory named target
        assertThat(main.stream().map(c -> c.getPackageName()))
                .noneMatch(p -> p.equals("target") || p.contains(".target.") || p.endsWith(".target"));
    }

    @Test
    void theGlueAsksEnsemblesForCapabilitiesNotForTheKubernetesClass() {
        // pods, links, nodes and a watched budget are interfaces an ensemble may implement; the glue
        // asks for those, so a platform that gains one needs no change to the steps
        EvaluationResult result = noClasses().that().resideInAPackage("dev.quorumchaos.glue..")
                .should().dependOnClassesThat()
                .haveFullyQualifiedName("dev.quorumchaos.platform.kubernetes.KubernetesEnsemble")
                .evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    /** The rules above must be able to fail: the same rule over the whole project, tests and all, finds the ZooKeeper clients. */
    @Test
    void theImportRuleFindsZooKeeperWhereItIs() {
        EvaluationResult result = noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.zookeeper..")
                .evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isNotEmpty()
                .allMatch(line -> line.contains("dev.quorumchaos.service.zookeeper."));
    }

    @Test
    void onlyTheSettingsReadPropertiesAndTheEnvironment() {
        EvaluationResult result = noClasses().that().doNotHaveFullyQualifiedName(SETTINGS)
                .and().doNotHaveFullyQualifiedName(MEMBER_MAIN)
                .should().callMethodWhere(READS_A_SETTING)
                .evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    /** The rule above can fail: without its two exceptions it finds exactly them. */
    @Test
    void theSettingsRuleFindsTheReadersThereAre() {
        EvaluationResult result = noClasses().should().callMethodWhere(READS_A_SETTING).evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isNotEmpty()
                .allMatch(line -> line.contains(SETTINGS) || line.contains(MEMBER_MAIN))
                .anyMatch(line -> line.contains(SETTINGS) && line.contains("System.getenv"))
                .anyMatch(line -> line.contains(MEMBER_MAIN) && line.contains("System.getProperty"));
    }
}
