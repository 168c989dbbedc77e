package dev.quorumchaos.glue;

import io.cucumber.java.en.Given;

/** The ensemble under test and the budget it is held to. */
public class EnsembleSteps {

    private final ScenarioWorld world;

    public EnsembleSteps(ScenarioWorld world) {
        this.world = world;
    }

    @Given("a {int}-member ZooKeeper ensemble")
    @Example("a 3-member ZooKeeper ensemble")
    public void aZooKeeperEnsemble(int size) {
        world.deploy(size);
    }

    @Given("a disruption budget of {int} unavailable member(s)")
    @Example("a disruption budget of 1 unavailable member")
    public void aDisruptionBudget(int maxUnavailable) {
        world.budget(maxUnavailable);
    }
}
