package dev.quorumchaos.settings;

import dev.quorumchaos.ChaosException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one reader of properties and the environment: defaults, what the CLI sets, and bad input naming the property. */
class RunSettingsTest {

    private static Properties properties(String... pairs) {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/u");
        p.setProperty("java.home", "/opt/jdk");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void withNothingSetMavenAndTheIdeGetTheDefaults() {
        RunSettings s = RunSettings.from(properties(), Map.of());

        assertThat(s.target()).isEqualTo("local");
        assertThat(s.restartDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.seedGiven()).isFalse();
        assertThat(s.runLog()).isEqualTo(Path.of("target/chaos-reports/harness.log"));
        assertThat(s.runLogNamed()).isFalse();
        assertThat(s.runsDir()).isEqualTo(Path.of(".chaos").toAbsolutePath().resolve("runs"));
        assertThat(s.reuseEnsembles()).isTrue();
        assertThat(s.standbyMembers()).isTrue();
        assertThat(s.allowSharedNodes()).isFalse();
        assertThat(s.manifests()).isNull();
        assertThat(s.machine().java()).isEqualTo(Path.of("/opt/jdk/bin/java"));
        assertThat(s.kubeconfigOrDefault()).isEqualTo(Path.of("/home/u/.kube/config"));
    }

    @Test
    void whatTheCliSetsIsRead() {
        RunSettings s = RunSettings.from(properties("chaos.target", "kubeconfig", "chaos.seed", "42",
                "chaos.restartDelayMs", "250", "chaos.allowSharedNodes", "true", "chaos.reuseEnsembles", "false",
                "chaos.standbyMembers", "false", "chaos.member.jvmFlags", " -Xshare:off ", "chaos.workDir", "/w",
                "chaos.runLog", "/w/run.log", "chaos.manifests", "m", "chaos.kubeconfig", "/k/config"), Map.of());

        assertThat(s.target()).isEqualTo("kubeconfig");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.seedGiven()).isTrue();
        assertThat(s.restartDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.allowSharedNodes()).isTrue();
        assertThat(s.reuseEnsembles()).isFalse();
        assertThat(s.standbyMembers()).isFalse();
        assertThat(s.memberJvmFlags()).isEqualTo("-Xshare:off");
        assertThat(s.runsDir()).isEqualTo(Path.of("/w/runs"));
        assertThat(s.runLog()).isEqualTo(Path.of("/w/run.log"));
        assertThat(s.runLogNamed()).isTrue();
        assertThat(s.manifests()).isEqualTo(Path.of("m"));
        assertThat(s.kubeconfigOrDefault()).isEqualTo(Path.of("/k/config"));
    }

    @Test
    void theEnvironmentGivesThePathAndTheKubeconfig() {
        RunSettings s = RunSettings.from(properties(), Map.of("PATH", "/usr/local/bin::/usr/bin",
                "KUBECONFIG", "/a/config:/b/config"));

        assertThat(s.machine().path()).containsExactly(Path.of("/usr/local/bin"), Path.of("/usr/bin"));
        assertThat(s.kubeconfigOrDefault()).isEqualTo(Path.of("/a/config"));
    }

    @Test
    void aMalformedValueIsBadInputNamingTheProperty() {
        assertThatThrownBy(() -> RunSettings.from(properties("chaos.seed", "abc"), Map.of()))
                .isInstanceOfSatisfying(ChaosException.class, e -> assertThat(e.badInput()).isTrue())
                .hasMessageContaining("chaos.seed").hasMessageContaining("'abc'");
        assertThatThrownBy(() -> RunSettings.from(properties("chaos.restartDelayMs", "1s"), Map.of()))
                .isInstanceOfSatisfying(ChaosException.class, e -> assertThat(e.badInput()).isTrue())
                .hasMessageContaining("chaos.restartDelayMs").hasMessageContaining("'1s'");
    }

    @Test
    void nodeLossIsRefusedUnlessAllowedAndTheCommandIsReadAsGiven() {
        assertThat(RunSettings.from(properties(), Map.of()).nodeLoss()).isEqualTo(new NodeLossSettings(false, null));
        assertThat(RunSettings.from(properties("chaos.allowNodeLoss", "true", "chaos.nodeLossCommand", ""), Map.of()).nodeLoss())
                .isEqualTo(new NodeLossSettings(true, null));
        assertThat(RunSettings.from(properties("chaos.allowNodeLoss", "true",
                "chaos.nodeLossCommand", " ssh \"$CHAOS_NODE\" sudo systemctl \"$CHAOS_KUBELET\" kubelet "), Map.of()).nodeLoss())
                .isEqualTo(new NodeLossSettings(true, "ssh \"$CHAOS_NODE\" sudo systemctl \"$CHAOS_KUBELET\" kubelet"));
    }
}
