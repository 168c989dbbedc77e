package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import io.cucumber.java.en.Given;

import java.time.Duration;

/** Clients that drive the ensemble while faults happen. */
public class WorkloadSteps {

    private final ScenarioWorld world;

    public WorkloadSteps(ScenarioWorld world) {
        this.world = world;
    }

    @Given("a client writing to {string} every {int} ms")
    @Example("a client writing to \"/orders\" every 20 ms")
    public void aClientWriting(String path, int intervalMillis) {
        if (intervalMillis < 1) {
            throw ChaosException.badInput("a client writes at most every 1 ms, not every " + intervalMillis + " ms");
        }
        world.workload().addWriter(path, Duration.ofMillis(intervalMillis));
        world.progress().say("client writing to " + path + " every " + intervalMillis + " ms");
    }
}
