package dev.quorumchaos.glue;

import dev.quorumchaos.check.MinorityWritesCheck;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.fault.partition.PartitionShapes;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.time.Duration;

/** Network partitions: links cut on established connections, shapes chosen from the current leader. */
public class PartitionSteps {

    private final Deployment deployment;
    private final Members members;
    private final Faults faults;
    private final Partitions partitions;
    private final Clients clients;
    private final Verdicts verdicts;
    private final ScenarioClock clock;
    private final ScenarioSettings settings;

    public PartitionSteps(Deployment deployment, Members members, Faults faults, Partitions partitions, Clients clients,
                          Verdicts verdicts, ScenarioClock clock, ScenarioSettings settings) {
        this.deployment = deployment;
        this.members = members;
        this.faults = faults;
        this.partitions = partitions;
        this.clients = clients;
        this.verdicts = verdicts;
        this.clock = clock;
        this.settings = settings;
    }

    private PartitionShapes shapes() {
        members.leader();
        return PartitionShapes.of(deployment.ensemble().refresh());
    }

    @When("the leader is isolated from the rest")
    @Example("the leader is isolated from the rest")
    public void theLeaderIsIsolated() {
        faults.partition(shapes().isolateLeader(), LinkBehaviour.blackhole());
    }

    @When("member {int} is isolated from the rest")
    @Example("member 2 is isolated from the rest")
    public void memberIsIsolated(int ordinal) {
        faults.partition(shapes().isolate(members.member(ordinal)), LinkBehaviour.blackhole());
    }

    @When("the ensemble is split into a majority and a minority")
    @Example("the ensemble is split into a majority and a minority")
    public void splitIntoMajorityAndMinority() {
        faults.partition(shapes().splitLeaderInMinority(), LinkBehaviour.blackhole());
    }

    @When("the ensemble is split into two halves bridged by one member")
    @Example("the ensemble is split into two halves bridged by one member")
    public void splitWithABridge() {
        faults.partition(shapes().bridge(), LinkBehaviour.blackhole());
    }

    @When("member {int} stops hearing member {int}")
    @Example("member 0 stops hearing member 1")
    public void memberStopsHearing(int deaf, int unheard) {
        faults.partition(shapes().oneWay(members.member(unheard), members.member(deaf)), LinkBehaviour.blackhole());
    }

    @When("the links of member {int} are slowed by {int} ms")
    @Example("the links of member 1 are slowed by 200 ms")
    public void linksAreSlowed(int ordinal, int millis) {
        PartitionShape links = shapes().isolate(members.member(ordinal));
        faults.partition(new PartitionShape(links.size(), "slow the links of member " + ordinal + " by " + millis + " ms",
                links.cuts(), links.targets()), LinkBehaviour.delay(Duration.ofMillis(millis)));
    }

    @When("the network heals")
    @Example("the network heals")
    public void theNetworkHeals() {
        faults.healPartitions();
    }

    @Then("the minority serves no writes")
    @Example("the minority serves no writes")
    public void theMinorityServesNoWrites() {
        // a tick longer than syncLimit x tickTime, the longest a cut-off leader may still believe it leads
        Duration probeFor = deployment.spec().tickTime().multipliedBy(deployment.spec().syncLimit() + 1L);
        java.util.List<Thread> probes = new java.util.ArrayList<>();
        for (int member : partitions.strandedMembers()) {
            settings.progress().say("sending writes through member " + member + " (cut off) for " + probeFor.toMillis()
                    + " ms");
            Thread t = new Thread(() -> clients.workload().probeThrough(member, 1000 + member, probeFor,
                    Duration.ofMillis(100)),
                    "minority-probe-" + member);
            t.start();
            probes.add(t);
        }
        for (Thread t : probes) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        verdicts.judge(() -> MinorityWritesCheck.check(clock.history().operations(), partitions.windows()));
    }
}
