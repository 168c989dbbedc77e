package dev.quorumchaos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code ./chaos}: a thin shell over the same Cucumber engine the JUnit Platform suite uses. */
@Command(name = "chaos", mixinStandardHelpOptions = true, version = "quorum-chaos 0.1.0",
        description = "Chaos scenarios in Gherkin for ZooKeeper ensembles, locally and on Kubernetes.",
        subcommands = {RunCommand.class, StepsCommand.class, FaultsCommand.class, CleanCommand.class,
                CheckCommand.class})
public final class ChaosCli implements Runnable {

    /** Exit codes CI gates on. */
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, steps, faults, clean or check");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI in this JVM and returns its exit code; tests call this directly. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new ChaosCli());
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("chaos: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("chaos: " + e.getMessage());
            return e instanceof dev.quorumchaos.ChaosException ce && ce.badInput() ? BAD_INPUT : FAILED;
        });
        return cli.execute(args);
    }
}
