package dev.quorumchaos.fault.catalog;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.kinds.FaultKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultCatalogTest {

    @TempDir
    Path dir;

    @Test
    void theShippedCatalogLoadsAndCoversEveryKind() {
        FaultCatalog catalog = FaultCatalog.load(Path.of("faults"));

        assertThat(catalog.all()).extracting(FaultDefinition::name).contains("kill-leader", "rolling-kill", "pause-leader");
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (FaultDefinition f : catalog.all()) {
            FaultDefinition.Plan p = f.plan();
            kinds.add(p instanceof FaultDefinition.Single s ? s.kind().name() : p.getClass().getSimpleName().toLowerCase());
        }
        assertThat(kinds).containsAll(FaultKinds.names()).containsAll(FaultCatalog.COMPOSITE_KINDS);
    }

    @Test
    void aSingleFaultIsReadWithItsTargetAndDuration() throws Exception {
        Files.writeString(dir.resolve("freeze.yaml"), "description: d\nkind: pause\ntarget: member 2\nduration: 1500ms\n");

        FaultDefinition f = FaultCatalog.load(dir).get("freeze");

        FaultDefinition.Single s = (FaultDefinition.Single) f.plan();
        assertThat(s.kind().name()).isEqualTo("pause");
        assertThat(s.target()).isEqualTo(new MemberSelector(MemberSelector.Who.MEMBER, 2, false));
        assertThat(s.duration()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown kind        | description: d\\nkind: explode\\ntarget: leader\\n           | 2 | unknown fault kind 'explode'; expected one of: kill, pause
            missing field       | description: d\\nkind: kill\\n                               | 2 | a kill fault needs a 'target'
            missing description | kind: kill\\ntarget: leader\\n                              | 1 | missing field 'description'
            wrong type          | description: d\\nkind: kill\\ntarget: [leader, member 1]\\n  | 3 | 'target' must be a single value, not a list
            bad duration        | description: d\\nkind: pause\\ntarget: leader\\nduration: 10 secs\\n | 4 | must be a duration like 500ms, 10s, 2m or 1h, not '10 secs'
            pause without time  | description: d\\nkind: pause\\ntarget: leader\\n             | 1 | a pause needs a 'duration'
            unknown target      | description: d\\nkind: kill\\ntarget: the moon\\n           | 3 | unknown target 'the moon'; expected one of: leader, member N
            unknown field       | description: d\\nkind: kill\\ntarget: leader\\ndurashun: 5s\\n | 4 | unknown field 'durashun'
            node kind, member   | description: d\\nkind: taint\\ntarget: leader\\ntaint: a=b:NoExecute\\n | 3 | a taint fault hits a node
            bad taint           | description: d\\nkind: taint\\ntarget: node hosting leader\\ntaint: a=b\\n | 4 | a taint is key=value:Effect
            not yaml            | description: d\\nkind: [kill\\n                          | 3 | not valid YAML
            not a mapping       | - kill\\n- leader\\n                                        | 1 | a fault file must be a mapping
            empty sequence      | description: d\\nkind: sequence\\nsteps: []\\n             | 3 | 'steps' must not be empty
            bad step            | description: d\\nkind: sequence\\nsteps:\\n  - sleep: 5s\\n | 4 | unknown field 'sleep'
            repeat too fast     | description: d\\nkind: repeat\\nfault: {kind: kill, target: leader}\\nevery: 5m\\nfor: 1m\\n | 4 | 'every' must be more than zero and no longer than 'for'
            composite with target | description: d\\nkind: rolling\\nfault: {kind: kill}\\ntarget: leader\\n | 4 | a rolling fault has no 'target'
            rolling a node      | description: d\\nkind: rolling\\nfault: {kind: drain}\\n    | 3 | a rolling fault is kill, pause, volume-loss or pod-delete
            bad name            | name: Kill Leader\\ndescription: d\\nkind: kill\\ntarget: leader\\n | 1 | a fault name is lower case letters
            kill with a shape   | description: d\\nkind: kill\\ntarget: leader\\nshape: split\\n | 4 | a kill fault has no 'shape'
            rolling pause, no time | description: d\\nkind: rolling\\nfault: {kind: pause}\\n | 3 | a pause needs a 'duration'
            bad rolling order   | description: d\\nkind: rolling\\nfault: {kind: kill}\\norder: shuffled\\n | 4 | 'order' is 'ordinal' or 'random', not 'shuffled'
            unknown shape       | description: d\\nkind: partition\\nshape: ring\\n | 3 | unknown partition shape 'ring'; expected one of: isolate, split, bridge
            member kind, node   | description: d\\nkind: kill\\ntarget: node hosting leader\\n | 3 | a kill fault hits members, not nodes
            """)
    void everyMistakeNamesFileLineAndWhatWasExpected(String mistake, String yaml, int line, String expected)
            throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> FaultCatalog.load(dir))
                .isInstanceOf(ChaosException.class)
                .satisfies(e -> assertThat(((ChaosException) e).badInput()).isTrue())
                .hasMessageContaining(file + ":" + line + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void aStepOfASequenceCannotBeCompositeAndTheMessageOffersOnlySingleKinds() throws Exception {
        Files.writeString(dir.resolve("inner.yaml"), "description: d\nkind: sequence\nsteps:\n  - {kind: repeat}\n");

        // steps are single faults: offering 'sequence' or 'repeat' here would send the user round in circles
        assertThatThrownBy(() -> FaultCatalog.load(dir)).hasMessageEndingWith("inner.yaml:4: unknown fault kind"
                + " 'repeat'; expected one of: kill, pause, volume-loss, pod-delete, taint, cordon, drain, node-loss, partition, scale, rolling-upgrade, rolling-restart");
    }

    @Test
    void everyBrokenFileIsReportedAtOnce() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "description: d\nkind: explode\n");
        Files.writeString(dir.resolve("b.yaml"), "description: d\nkind: kill\ntarget: nobody\n");

        assertThatThrownBy(() -> FaultCatalog.load(dir)).hasMessageContaining("2 error(s)")
                .hasMessageContaining("a.yaml:2").hasMessageContaining("b.yaml:3");
    }

    @Test
    void twoFilesCannotShareAName() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "name: same\ndescription: d\nkind: kill\ntarget: leader\n");
        Files.writeString(dir.resolve("b.yaml"), "name: same\ndescription: d\nkind: kill\ntarget: leader\n");

        assertThatThrownBy(() -> FaultCatalog.load(dir)).hasMessageContaining("the name 'same' is taken");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() throws Exception {
        Files.writeString(dir.resolve("kill-leader.yaml"), "description: d\nkind: kill\ntarget: leader\n");

        assertThatThrownBy(() -> FaultCatalog.load(dir).get("kill-everyone"))
                .hasMessageContaining("no fault named 'kill-everyone'").hasMessageContaining("kill-leader");
    }

    @Test
    void everyFaultDescribesItselfInOneLine() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "description: d\nkind: taint\ntarget: node hosting member 1\n"
                + "taint: chaos=true:NoExecute\nduration: 90s\n");
        Files.writeString(dir.resolve("b.yaml"), "description: d\nkind: partition\nshape: isolate\ntarget: leader\n"
                + "duration: 2m\n");
        Files.writeString(dir.resolve("c.yaml"), "description: d\nkind: sequence\nsteps:\n"
                + "  - {kind: kill, target: 1 follower}\n  - wait: 1500ms\n  - await-quorum: 1h\n"
                + "  - {kind: pause, target: random member, duration: 0s}\n");
        Files.writeString(dir.resolve("d.yaml"), "description: d\nkind: rolling\nfault: {kind: kill}\norder: random\n"
                + "await-quorum: 45s\n");
        Files.writeString(dir.resolve("e.yaml"), "description: d\nkind: repeat\nfault: {kind: kill, target: random"
                + " follower}\nevery: 1m\nfor: 1m\n");
        Files.writeString(dir.resolve("f.yaml"), "description: d\nkind: rolling\nfault: {kind: volume-loss}\n");

        FaultCatalog catalog = FaultCatalog.load(dir);

        assertThat(catalog.all()).extracting(f -> f.plan().describe()).containsExactly(
                "taint node hosting member 1 with chaos=true:NoExecute for 90 s",
                "partition leader (isolate) for 2 min",
                "kill 1 follower, then wait 1500 ms, then wait for quorum (at most 60 min), then pause random member"
                        + " for 0 s",
                "kill each member in turn (random order), waiting for every member to serve in between (at most 45 s)",
                "kill random follower every 1 min for 1 min",
                "volume-loss each member in turn, waiting for every member to serve in between (at most 1 min)");
        FaultDefinition.Rolling rolling = (FaultDefinition.Rolling) catalog.get("d").plan();
        assertThat(rolling.fault().target().describe()).isEqualTo("each member in turn");
        assertThat(rolling.quorumTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void targetsDescribeThemselvesAsAFaultFileWritesThem() {
        for (String form : java.util.List.of("leader", "member 2", "2 followers", "1 follower", "random member",
                "random follower", "node hosting leader", "node hosting member 0")) {
            assertThat(MemberSelector.parse(form).describe()).isEqualTo(form);
        }
        assertThat(MemberSelector.parse("the   leader")).isEqualTo(new MemberSelector(MemberSelector.Who.LEADER, 1, false));
        assertThat(MemberSelector.parse("node hosting 2 followers")).isNull();
        assertThat(MemberSelector.parse("node hosting random member")).isNull();
    }

    @Test
    void aMissingDirectoryIsAnEmptyCatalogAndOtherFilesAreNotFaults() throws Exception {
        Files.writeString(dir.resolve("README.md"), "# not a fault\n");
        Files.writeString(dir.resolve("kill.yml"), "description: d\nkind: kill\ntarget: leader\n");

        assertThat(FaultCatalog.load(dir.resolve("nowhere")).all()).isEmpty();
        assertThat(FaultCatalog.empty().find("kill")).isEmpty();
        assertThat(FaultCatalog.load(dir).all()).extracting(FaultDefinition::name).containsExactly("kill");
    }

    @Test
    void anEmptyFileNamesItsFirstLine() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "");

        assertThatThrownBy(() -> FaultCatalog.load(dir)).hasMessageContaining(file + ":1: the file is empty");
    }
}
