package dev.quorumchaos.fault.scale;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.fault.kinds.FaultKinds;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Growing and shrinking on a hand-written resizable ensemble: which members, in which order, and what is said. */
class ScaleFaultTest {

    @TempDir
    Path dir;

    /** An ensemble of {@code size} members, member {@code leader} leading, that grows and shrinks as asked. */
    static final class Ensemble implements Resizable {
        int size;
        int leader;
        Optional<String> cannot = Optional.empty();
        final List<String> done = new ArrayList<>();

        Ensemble(int size, int leader) {
            this.size = size;
            this.leader = leader;
        }

        EnsembleView view() {
            List<MemberState> states = new ArrayList<>();
            List<Long> epochs = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                states.add(i == leader ? MemberState.LEADER : MemberState.FOLLOWER);
                epochs.add(1L);
            }
            return new EnsembleView(states, epochs);
        }

        @Override
        public Resize grow() {
            done.add("add " + size);
            return new Resize(size++, true, false, "added");
        }

        @Override
        public Resize shrink() {
            int member = --size;
            done.add("remove " + member);
            boolean led = member == leader;
            if (led) {
                leader = 0;
            }
            return new Resize(member, false, led, "removed");
        }

        @Override
        public List<String> membership() {
            return List.of();
        }

        @Override
        public Optional<String> cannotResize() {
            return cannot;
        }
    }

    static final class Site implements FaultSite {
        final Ensemble ensemble;
        final List<String> said = new ArrayList<>();

        Site(Ensemble ensemble) {
            this.ensemble = ensemble;
        }

        @Override
        public MemberControl members() {
            throw new AssertionError("a resize needs no member control");
        }

        @Override
        public EnsembleView refresh() {
            return ensemble == null ? new Ensemble(3, 0).view() : ensemble.view();
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return type == Resizable.class && ensemble != null ? Optional.of(type.cast(ensemble)) : Optional.empty();
        }

        @Override
        public String targetName() {
            return "local";
        }

        @Override
        public RuntimeException skip(String reason) {
            return new IllegalStateException("skipped: " + reason);
        }

        @Override
        public boolean allowsSharedNodes() {
            return true;
        }

        @Override
        public dev.quorumchaos.history.History history() {
            throw new AssertionError("a resize records nothing through the site");
        }

        @Override
        public dev.quorumchaos.fault.FaultInjector injector() {
            throw new AssertionError("a resize injects nothing through the site");
        }

        @Override
        public void say(String line) {
            said.add(line);
        }
    }

    @Test
    void growingAddsMembersAtTheNextOrdinalsOneAtATime() {
        Ensemble ensemble = new Ensemble(3, 2);
        ScaleFault grow = ScaleKind.to(new Site(ensemble), 5);

        grow.apply();

        assertThat(ensemble.done).containsExactly("add 3", "add 4");
        assertThat(grow.members()).containsExactly(3, 4);
        assertThat(grow.description()).isEqualTo("grow the ensemble from 3 to 5 members");
        assertThat(grow.summary()).isEqualTo("membership 3 -> 5; member 3 joined: added; member 4 joined: added");
        assertThat(grow.removedTheLeader()).isFalse();
    }

    @Test
    void shrinkingRemovesTheHighestOrdinalsFirstAndSaysWhenTheLeaderGoes() {
        Ensemble ensemble = new Ensemble(5, 4);
        Site site = new Site(ensemble);
        ScaleFault shrink = ScaleKind.to(site, 3);

        shrink.apply();
        shrink.recover(); // nothing to undo

        assertThat(ensemble.done).containsExactly("remove 4", "remove 3");
        assertThat(shrink.members()).containsExactly(4, 3);
        assertThat(site.said.get(0)).isEqualTo(
                "removing member 4, the leader: the service must move leadership to a remaining member");
        assertThat(shrink.summary()).contains("member 4, the leader, left: removed").contains("member 3 left: removed");
        assertThat(shrink.removedTheLeader()).isTrue();
        assertThat(ensemble.size).isEqualTo(3);
    }

    @Test
    void aSizeOutOfRangeOrUnchangedIsBadInputAndAnEnsembleThatCannotResizeSkips() {
        Site site = new Site(new Ensemble(3, 0));

        assertThatThrownBy(() -> ScaleKind.to(site, 3)).isInstanceOf(ChaosException.class)
                .hasMessage("the ensemble already has 3 members");
        assertThatThrownBy(() -> ScaleKind.to(site, 10)).isInstanceOf(ChaosException.class)
                .hasMessage("an ensemble has 1 to 9 members, not 10");
        assertThatThrownBy(() -> ScaleKind.to(new Site(null), 5)).hasMessage("skipped: growing or shrinking needs an"
                + " ensemble whose membership can change; this one on the local target cannot");
        Ensemble withoutReconfig = new Ensemble(3, 0);
        withoutReconfig.cannot = Optional.of("kafka on Kubernetes has no membership change the harness can drive");
        assertThatThrownBy(() -> ScaleKind.to(new Site(withoutReconfig), 5)).hasMessage("skipped: growing or shrinking:"
                + " kafka on Kubernetes has no membership change the harness can drive");
        assertThat(withoutReconfig.done).isEmpty();
    }

    @Test
    void aCatalogEntryNamesTheSizeAndABadOneNamesItsFileAndLine() throws Exception {
        Files.writeString(dir.resolve("grow.yaml"), "description: grow to five\nkind: scale\nto: 5\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "description: too big\nkind: scale\nto: 12\n");

        assertThat(FaultKinds.find("scale")).isPresent();
        assertThat(FaultKinds.find("scale").orElseThrow().describe(null, Map.of("to", "5")))
                .isEqualTo("scale to 5 members");
        assertThatThrownBy(() -> FaultCatalog.load(dir)).isInstanceOf(ChaosException.class)
                .hasMessageContaining(bad + ":3:").hasMessageContaining("'to' must be 1 to 9 members, not 12");
        Files.delete(bad);
        assertThat(FaultCatalog.load(dir).get("grow").plan().describe()).isEqualTo("scale to 5 members");
    }
}
