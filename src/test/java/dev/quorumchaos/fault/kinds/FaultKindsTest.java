package dev.quorumchaos.fault.kinds;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionKind;
import dev.quorumchaos.fault.partition.PartitionShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of fault kinds, and each kind building its fault on a hand-written site: no cluster needed. */
class FaultKindsTest {

    @TempDir
    Path dir;

    /** Thrown where the scenario would be reported skipped. */
    static final class Skipped extends RuntimeException {
        Skipped(String reason) {
            super(reason);
        }
    }

    /** A local-like site: members that record what was done to them, and only the capabilities given. */
    static final class Site implements FaultSite {
        final List<String> done = new ArrayList<>();
        final Map<Class<?>, Object> capabilities = new HashMap<>();
        final List<String> said = new ArrayList<>();
        final dev.quorumchaos.history.History history = new dev.quorumchaos.history.History();

        @Override
        public MemberControl members() {
            return new MemberControl() {
                public void kill(int ordinal) { done.add("kill " + ordinal); }
                public void pause(int ordinal) { done.add("pause " + ordinal); }
                public void resume(int ordinal) { done.add("resume " + ordinal); }
                public void loseVolume(int ordinal) { done.add("lose volume " + ordinal); }
                public void ensureRunning(int ordinal) { done.add("ensure running " + ordinal); }
                public int starts(int ordinal) { return 1; }
                public void onStart(IntConsumer listener) { }
            };
        }

        @Override
        public EnsembleView refresh() {
            throw new AssertionError("not asked in these tests");
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Optional.ofNullable(type.cast(capabilities.get(type)));
        }

        @Override
        public String targetName() {
            return "local";
        }

        @Override
        public RuntimeException skip(String reason) {
            return new Skipped(reason);
        }

        @Override
        public boolean allowsSharedNodes() {
            return true;
        }

        @Override
        public dev.quorumchaos.history.History history() {
            return history;
        }

        @Override
        public void say(String line) {
            said.add(line);
        }

        @Override
        public dev.quorumchaos.fault.FaultInjector injector() {
            throw new AssertionError("not asked in these tests");
        }
    }

    private static FaultKind kind(String name) {
        return FaultKinds.find(name).orElseThrow();
    }

    @Test
    void theRegistryListsEveryKindOnceInTheOrderMessagesNameThem() {
        assertThat(FaultKinds.names()).containsExactly("kill", "pause", "volume-loss", "pod-delete", "taint", "cordon",
                "drain", "node-loss", "partition", "scale", "rolling-upgrade", "rolling-restart").doesNotHaveDuplicates();
        assertThat(FaultKinds.find("explode")).isEmpty();
    }

    @Test
    void anUnknownKindInAFaultFileNamesTheRegisteredKindsWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("boom.yaml"), "description: d\nkind: explode\ntarget: leader\n");

        assertThatThrownBy(() -> FaultCatalog.load(dir))
                .isInstanceOf(ChaosException.class)
                .satisfies(e -> assertThat(((ChaosException) e).badInput()).isTrue())
                .hasMessageContaining(file + ":2: unknown fault kind 'explode'; expected one of: "
                        + String.join(", ", FaultKinds.names()) + ", sequence, rolling, repeat");
    }

    @Test
    void aMemberKindBuildsItsFaultAndAppliesAndRecoversItOnTheMembersChosen() {
        Site site = new Site();

        Fault kill = kind("kill").build(site, List.of(0, 2), Map.of(), "kill 2 members");
        Fault pause = kind("pause").build(site, List.of(1), Map.of(), "pause member 1");
        Fault volume = kind("volume-loss").build(site, List.of(2), Map.of(), "volume loss on member 2");
        kill.apply();
        pause.apply();
        pause.recover();
        volume.apply();
        volume.recover();
        kill.recover();

        assertThat(site.done).containsExactly("kill 0", "kill 2", "pause 1", "resume 1", "lose volume 2",
                "ensure running 2", "ensure running 0", "ensure running 2");
        // the history names a fault by the kind its file names
        assertThat(List.of(kill.kind(), pause.kind(), volume.kind())).containsExactly("kill", "pause", "volume-loss");
    }

    @Test
    void aKindThatHitsOneMemberRefusesSeveral() {
        assertThatThrownBy(() -> kind("pause").build(new Site(), List.of(0, 1), Map.of(), "pause 2 followers"))
                .isInstanceOf(ChaosException.class)
                .hasMessage("'pause 2 followers' hits one member at a time, not [0, 1]");
    }

    @Test
    void whatThePlatformCannotDoSkipsTheScenarioWithTheReason() {
        Site site = new Site();

        assertThatThrownBy(() -> kind("pod-delete").build(site, List.of(1), Map.of(), "delete the pod of member 1"))
                .isInstanceOf(Skipped.class)
                .hasMessage("deleting a pod needs Kubernetes pods; the local target has none");
        assertThatThrownBy(() -> kind("taint").build(site, List.of(1), Map.of("taint", "chaos=true:NoExecute"), "t"))
                .isInstanceOf(Skipped.class)
                .hasMessage("taint a node needs Kubernetes nodes; the local target has none");
        assertThatThrownBy(() -> kind("drain").build(site, List.of(1), Map.of(), "d"))
                .isInstanceOf(Skipped.class)
                .hasMessage("drain a node needs Kubernetes nodes; the local target has none");
        assertThatThrownBy(() -> kind("node-loss").build(site, List.of(1), Map.of(), "lose the node of member 1"))
                .isInstanceOf(Skipped.class)
                .hasMessage("losing a node needs Kubernetes nodes; the local target has none");
        assertThatThrownBy(() -> PartitionKind.cut(site, PartitionShapes.of(3, OptionalInt.of(0)).isolate(1),
                LinkBehaviour.blackhole()))
                .isInstanceOf(Skipped.class)
                .hasMessageEndingWith(" needs links to cut; this ensemble on the local target has none");
        assertThat(site.done).isEmpty();
    }

    @Test
    void kindsDescribeWhatAnEntryDoes() {
        assertThat(kind("kill").describe("leader", Map.of())).isEqualTo("kill leader");
        assertThat(kind("taint").describe("node hosting member 1", Map.of("taint", "a=b:NoSchedule")))
                .isEqualTo("taint node hosting member 1 with a=b:NoSchedule");
        assertThat(kind("partition").describe(null, Map.of("shape", "split")))
                .isEqualTo("partition (split, leader in the minority)");
        assertThat(FaultKinds.ALL.stream().filter(FaultKind::rolls).map(FaultKind::name))
                .containsExactly("kill", "pause", "volume-loss", "pod-delete");
        assertThat(FaultKinds.ALL.stream().filter(k -> k.victim() == FaultKind.Victim.NODE).map(FaultKind::name))
                .containsExactly("taint", "cordon", "drain", "node-loss");
        assertThat(kind("node-loss").describe("node hosting leader", Map.of("force-delete-after", "30")))
                .isEqualTo("lose node hosting leader (its pods force-deleted after 30 s)");
    }

    @Test
    void aPlatformThatRefusesNodeLossIsBadInputBeforeAnyKubeletStops() {
        Site site = new Site();
        List<String> stopped = new ArrayList<>();
        site.capabilities.put(dev.quorumchaos.fault.node.NodeHosting.class, new dev.quorumchaos.fault.node.NodeHosting() {
            public dev.quorumchaos.fault.node.NodeFaults nodeFaults() { throw new AssertionError("not asked"); }
            public void refuseSharedNode(String kind, int member, boolean allowSharedNodes) { }
        });
        site.capabilities.put(dev.quorumchaos.fault.nodeloss.LosableNodes.class, new dev.quorumchaos.fault.nodeloss.LosableNodes() {
            public io.fabric8.kubernetes.client.KubernetesClient client() { return null; }
            public String namespace() { return "ns"; }
            public String runId() { return "run"; }
            public String nodeOf(int ordinal) { return "node-" + ordinal; }
            public String podName(int ordinal) { return "zk-" + ordinal; }
        });
        site.capabilities.put(dev.quorumchaos.fault.nodeloss.Kubelets.class, new dev.quorumchaos.fault.nodeloss.Kubelets() {
            public String how() { return "nothing"; }
            public Optional<String> refusal() { return Optional.of("refusing to lose a node of kubeconfig:prod: ..."); }
            public Optional<String> cannotLose(String node) { return Optional.empty(); }
            public void stop(String node) { stopped.add(node); }
            public void start(String node) { }
        });

        assertThatThrownBy(() -> kind("node-loss").build(site, List.of(1), Map.of(), "lose the node of member 1"))
                .isInstanceOf(ChaosException.class)
                .satisfies(e -> assertThat(((ChaosException) e).badInput()).isTrue())
                .hasMessage("refusing to lose a node of kubeconfig:prod: ...");
        assertThat(stopped).isEmpty();
    }

    @Test
    void aNodeLossEntryReadsWhenItsPodsAreForceDeletedAndRefusesWhatIsNoTime() throws Exception {
        Files.writeString(dir.resolve("lose.yaml"), "description: d\nkind: node-loss\ntarget: node hosting leader\n"
                + "force-delete-after: 2m\n");
        assertThat(FaultCatalog.load(dir).find("lose")).get().extracting(f -> f.plan().describe())
                .isEqualTo("lose node hosting leader (its pods force-deleted after 120 s)");

        Path bad = Files.writeString(dir.resolve("lose.yaml"), "description: d\nkind: node-loss\ntarget: node hosting leader\n"
                + "force-delete-after: soon\n");
        assertThatThrownBy(() -> FaultCatalog.load(dir))
                .isInstanceOf(ChaosException.class)
                .satisfies(e -> assertThat(((ChaosException) e).badInput()).isTrue())
                .hasMessageContaining(bad + ":4: force-delete-after is a time after the node was lost, e.g. '30s' or '2m',"
                        + " not 'soon'");
    }
}
