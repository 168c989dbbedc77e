package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.RunLog;
import dev.quorumchaos.settings.RunSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./chaos}: a thin shell over the same Cucumber engine the JUnit Platform suite uses. */
@Command(name = "chaos", mixinStandardHelpOptions = true, version = "quorum-chaos 0.1.0",
        description = "Chaos scenarios in Gherkin for quorum services (ZooKeeper, etcd), locally and on Kubernetes.")
public final class ChaosCli implements Runnable {

    /** Exit codes CI gates on. */
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** The harness itself failed (a bug, or the machine): no verdict on the ensemble. */
    public static final int INTERNAL_ERROR = 3;

    /** The commands, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands(RunCommand.class, StepsCommand.class,
            FaultsCommand.class, CleanCommand.class, CheckCommand.class, InitCommand.class);

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final RunLog log;

    private ChaosCli(RunLog log) {
        this.log = log;
    }

    /** Where this invocation's full traces and warnings go. */
    RunLog log() {
        return log;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, steps, faults, clean, check or init");
    }

    /**
     * The process entry point: whatever prints a stack trace from here on (a library, a thread
     * that died) prints one line instead, and the trace goes to this process's log.
     */
    public static void main(String[] args) {
        RunSettings settings;
        try {
            settings = RunSettings.fromSystem();
        } catch (ChaosException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(BAD_INPUT);
            return;
        }
        RunLog log = RunLog.at(processLog(settings));
        System.setProperty("chaos.runLog", log.file().toString());
        System.setOut(StackTraceFilter.around(System.out, log));
        System.setErr(StackTraceFilter.around(System.err, log));
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                System.err.println("chaos: " + log.internalError("thread " + thread.getName(), e)));
        System.exit(execute(log, args));
    }

    /** One log per process under {@code .chaos/logs}; created only if something is written to it. */
    private static Path processLog(RunSettings settings) {
        return settings.runsDir().resolveSibling("logs")
                .resolve("chaos-" + STAMP.format(Instant.now()) + "-" + ProcessHandle.current().pid() + ".log");
    }

    private static Map<String, Class<?>> commands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : classes) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return byName;
    }

    /** Runs the CLI in this JVM and returns its exit code; tests call this directly. */
    public static int execute(String... args) {
        RunSettings settings;
        try {
            settings = RunSettings.fromSystem();
        } catch (ChaosException e) {
            System.err.println("chaos: " + e.getMessage());
            return BAD_INPUT;
        }
        return execute(RunLog.at(settings.runLogNamed() ? settings.runLog() : processLog(settings)), args);
    }

    private static int execute(RunLog log, String... args) {
        CommandLine cli = new CommandLine(new ChaosCli(log));
        // picocli reads every option of every command it is given, by reflection, at its first use:
        // given the one command named, a run's start does not pay for the others'
        Class<?> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        (named != null ? List.<Class<?>>of(named) : COMMANDS.values()).forEach(cli::addSubcommand);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("chaos: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            PrintWriter err = c.getErr();
            if (e instanceof ChaosException ce && ce.badInput()) {
                err.println("chaos: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof ChaosException) {
                // the harness's own words say what failed; the trace is for whoever debugs it
                boolean logged = log.record("chaos " + c.getCommandName() + " failed", e);
                err.println("chaos: " + e.getMessage() + (logged ? " (details: " + log.file() + ")" : ""));
                return INTERNAL_ERROR;
            }
            err.println("chaos: " + log.internalError("chaos " + c.getCommandName(), e));
            return INTERNAL_ERROR;
        });
        return cli.execute(args);
    }
}
