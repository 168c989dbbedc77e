package dev.quorumchaos.glue;

import dev.quorumchaos.service.etcd.EtcdService;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import io.cucumber.java.en.Given;

/** The ensemble under test and the budget it is held to. */
public class EnsembleSteps {

    /** Every service a scenario can deploy, one {@code Given} each; {@code ./chaos steps} lists them. */
    public static final java.util.List<dev.quorumchaos.service.Service> SERVICES =
            java.util.List.of(ZooKeeperService.INSTANCE, EtcdService.INSTANCE);

    private final Deployment deployment;

    public EnsembleSteps(Deployment deployment) {
        this.deployment = deployment;
    }

    @Given("a {int}-member ZooKeeper ensemble")
    @Example("a 3-member ZooKeeper ensemble")
    public void aZooKeeperEnsemble(int size) {
        deployment.deploy(ZooKeeperService.INSTANCE, size);
    }

    @Given("a {int}-member ZooKeeper {word} ensemble")
    @Example("a 3-member ZooKeeper 3.8.4 ensemble")
    public void aZooKeeperEnsembleAt(int size, String version) {
        deployment.deploy(ZooKeeperService.INSTANCE, size, version);
    }

    @Given("a {int}-member etcd {word} cluster")
    @Example("a 3-member etcd 3.4.23 cluster")
    public void anEtcdClusterAt(int size, String version) {
        deployment.deploy(EtcdService.INSTANCE, size, version);
    }

    @Given("a {int}-member etcd cluster")
    @Example("a 3-member etcd cluster")
    public void anEtcdCluster(int size) {
        deployment.deploy(EtcdService.INSTANCE, size);
    }

    @Given("a disruption budget of {int} unavailable member(s)")
    @Example("a disruption budget of 1 unavailable member")
    public void aDisruptionBudget(int maxUnavailable) {
        deployment.budget(maxUnavailable);
    }
}
