package dev.quorumchaos.cli;

import dev.quorumchaos.check.LinearizabilityEvidence;
import dev.quorumchaos.check.OperationEvidence;
import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.SessionOrderEvidence;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.check.consistency.RegisterChecks;
import dev.quorumchaos.history.edn.EdnReader;
import dev.quorumchaos.history.edn.HistoryFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code chaos check}: the consistency checks again, on histories saved in Jepsen's EDN format
 * ({@code reports/latest/<scenario>/history.edn}, or Knossos's and Jepsen's own files). Every file
 * is read before any is checked, so a malformed one stops the command with nothing judged.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check register histories in Jepsen's EDN format for linearizability (and session order).",
        footer = {"", "Knossos's cas-register histories: --initial 0 --nil-read unknown --reads linearizable.",
                "A ZooKeeper scenario's history.edn: --reads ignored (ZooKeeper's reads may be stale).",
                "", "Exit codes: 0 every history valid, 1 one is not (its counterexample is printed), 2 a file is"
                + " malformed (file and line named) or an option is wrong. A history a check could not decide (UNKNOWN)"
                + " exits 1, as an UNKNOWN verdict fails a scenario; 3 is the harness failing."})
final class CheckCommand implements Callable<Integer> {

    private static final int OPERATIONS_SHOWN = 12;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // 0..* so that picocli names an unknown option before it says a file is missing; call() asks for one
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "History files (EDN), at least one.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--initial", paramLabel = "VALUE",
            description = "Every register's value before the first operation, as EDN (0, \"x\"). Default: absent.")
    String initial;

    @Option(names = "--nil-read", paramLabel = "absent|unknown", defaultValue = "absent",
            description = "What a read returning nil means: the register was absent (ZooKeeper, etcd), or nothing"
                    + " (Knossos). Default: ${DEFAULT-VALUE}.")
    String nilRead;

    @Option(names = "--reads", paramLabel = "linearizable|ignored", defaultValue = "linearizable",
            description = "Judge reads for linearizability with the writes, or leave them to the session-order"
                    + " check, as the service promises. Default: ${DEFAULT-VALUE}.")
    String reads;

    @Override
    public Integer call() {
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'FILE': give at least one history file, e.g. "
                            + "reports/latest/<scenario>/history.edn");
        }
        RegisterChecks checks = new RegisterChecks(initialValue(), choice("--nil-read", nilRead, "absent", "unknown"),
                !choice("--reads", reads, "linearizable", "ignored"));
        List<HistoryFile> histories = new ArrayList<>();
        for (Path file : files) {
            histories.add(HistoryFile.read(file));
        }
        PrintStream out = System.out;
        int invalid = 0;
        int undecided = 0;
        for (HistoryFile history : histories) {
            out.println(history.file() + ": " + history.operations().size() + " operation entries on "
                    + history.keys().size() + " key(s); " + assumptions(checks));
            if (!history.timed()) {
                out.println("  no :time in the file: the order of its lines is the order of time, and times below are"
                        + " positions in the file, shown as ms");
            }
            List<Verdict> verdicts = checks.check(history.operations());
            for (Verdict v : verdicts) {
                out.println("  " + v.check() + ": " + v.outcome().name() + " - " + v.summary());
                if (v.outcome() == Outcome.FAIL) {
                    printCounterexamples(v, history, out);
                }
            }
            if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.FAIL)) {
                invalid++;
            } else if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.UNKNOWN)) {
                undecided++;
            }
        }
        if (invalid > 0) {
            out.println("chaos: " + invalid + " of " + histories.size() + " histories not valid");
            return ChaosCli.FAILED;
        }
        if (undecided > 0) {
            // an undecided verdict gates like a failed one, as it does in a scenario
            out.println("chaos: " + undecided + " of " + histories.size() + " histories could not be decided (UNKNOWN)");
            return ChaosCli.FAILED;
        }
        out.println("chaos: " + histories.size() + " of " + histories.size() + " histories valid");
        return ChaosCli.PASSED;
    }

    private static String assumptions(RegisterChecks checks) {
        return "registers start " + (checks.initial() == null ? "absent" : "at " + checks.initial())
                + ", a nil read means " + (checks.nilReadsUnknown() ? "nothing" : "absent")
                + ", reads " + (checks.readsLinearizable() ? "judged for linearizability"
                : "left to the session-order check");
    }

    private String initialValue() {
        if (initial == null) {
            return null;
        }
        try {
            return HistoryFile.value(EdnReader.readOne(initial));
        } catch (EdnReader.EdnException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--initial '" + initial + "' is not one EDN value (" + e.getMessage() + "); e.g. --initial 0");
        }
    }

    /** True for the second choice; anything else is an option error (exit 2). */
    private boolean choice(String option, String given, String first, String second) {
        if (first.equals(given)) {
            return false;
        }
        if (second.equals(given)) {
            return true;
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                option + " must be " + first + " or " + second + ", not '" + given + "'");
    }

    private static void printCounterexamples(Verdict v, HistoryFile history, PrintStream out) {
        if (v.evidence() instanceof LinearizabilityEvidence l && l.counterexamples() != null) {
            for (LinearizabilityEvidence.Counterexample counterexample : l.counterexamples()) {
                out.println("    counterexample on " + counterexample.key() + ":");
                List<OperationEvidence> ops = counterexample.operations();
                ops.stream().limit(OPERATIONS_SHOWN).forEach(op -> out.println("      " + describe(op, history)));
                if (ops.size() > OPERATIONS_SHOWN) {
                    out.println("      ... and " + (ops.size() - OPERATIONS_SHOWN) + " more");
                }
            }
        }
        if (v.evidence() instanceof SessionOrderEvidence s && s.violations() != null) {
            for (SessionOrderEvidence.Violation violation : s.violations()) {
                out.println("    " + violation.explanation());
                for (OperationEvidence op : violation.operations()) {
                    out.println("      " + describe(op, history));
                }
            }
        }
    }

    /** {@code line 12: process 3 cas 1 -> 2, ok [40..52 ms], member 1}. */
    private static String describe(OperationEvidence op, HistoryFile history) {
        String what = switch (op.f()) {
            case "read" -> "read -> " + shown(op.value());
            case "write" -> "write " + shown(op.value());
            default -> op.expected() == null ? "cas nil -> " + shown(op.value()) + " (a create)"
                    : "cas " + shown(op.expected()) + " -> " + shown(op.value());
        };
        return "line " + history.lineOf(op.index()) + ": process " + op.process() + " " + what + ", " + op.outcome()
                + " [" + op.invokeMs() + ".." + (op.completeMs() == null ? "?" : op.completeMs()) + " ms]"
                + (op.member() >= 0 ? ", member " + op.member() : "");
    }

    private static String shown(Object value) {
        return value == null ? "nil" : String.valueOf(value);
    }
}
