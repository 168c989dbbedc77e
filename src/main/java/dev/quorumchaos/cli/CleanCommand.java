package dev.quorumchaos.cli;

import dev.quorumchaos.target.local.RunDirectory;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Removes what crashed runs left behind. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Kill member processes and remove run directories left by crashed runs.")
final class CleanCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        RunDirectory.Sweep sweep = RunDirectory.sweepAbandoned(RunDirectory.root());
        sweep.notes().forEach(n -> System.out.println("chaos clean: " + n));
        System.out.println("chaos clean: local: " + sweep.processesKilled() + " member process(es) killed, "
                + sweep.runDirectories() + " run director" + (sweep.runDirectories() == 1 ? "y" : "ies")
                + " removed" + (sweep.foundNothing() ? " (nothing was left behind)" : ""));
        return ChaosCli.PASSED;
    }
}
