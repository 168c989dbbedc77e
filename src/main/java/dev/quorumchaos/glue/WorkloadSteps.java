package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import io.cucumber.java.en.Given;

import java.time.Duration;

/** Clients that drive the ensemble while faults happen. */
public class WorkloadSteps {

    private final Clients clients;
    private final ScenarioClock clock;
    private final ScenarioSettings settings;

    public WorkloadSteps(Clients clients, ScenarioClock clock, ScenarioSettings settings) {
        this.clients = clients;
        this.clock = clock;
        this.settings = settings;
    }

    @Given("a client writing to {string} every {int} ms")
    @Example("a client writing to \"/orders\" every 20 ms")
    public void aClientWriting(String path, int intervalMillis) {
        if (intervalMillis < 1) {
            throw ChaosException.badInput("a client writes at most every 1 ms, not every " + intervalMillis + " ms");
        }
        clients.workload().addWriter(path, Duration.ofMillis(intervalMillis));
        settings.progress().say("client writing to " + path + " every " + intervalMillis + " ms");
    }

    @Given("{int} clients doing compare-and-set on {string}")
    @Example("3 clients doing compare-and-set on \"/registers\"")
    public void clientsDoingCompareAndSet(int count, String path) {
        if (count < 1 || count > 50) {
            throw ChaosException.badInput("between 1 and 50 register clients, not " + count);
        }
        clients.workload().addRegisterClients(count, path, REGISTERS, Duration.ofMillis(20), clock.random().nextLong());
        settings.progress().say(count + " clients reading and compare-and-setting " + REGISTERS + " registers under "
                + path + " every 20 ms");
    }

    /** Few registers, so clients contend: contention is what a linearizability check needs to see. */
    private static final int REGISTERS = 3;
}
