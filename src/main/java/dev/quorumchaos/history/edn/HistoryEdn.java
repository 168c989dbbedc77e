package dev.quorumchaos.history.edn;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a history in Jepsen's EDN history format, one operation map per line, so Knossos, Elle,
 * Jepsen or {@code ./chaos check} can read it again:
 * <pre>
 * {:index 7, :time 2104331520, :process 1, :type :invoke, :f :cas, :key "/registers/r0", :value [nil "p1-3"], :member 2}
 * {:index 8, :time 2107920311, :process 1, :type :ok, :f :cas, :key "/registers/r0", :value [nil "p1-3"], :member 2}
 * {:index 9, :time 2200000000, :process :nemesis, :type :info, :f :start-kill, :value [2], :fault "kill-1", :description "kill leader (member 2)"}
 * </pre>
 * {@code :time} is nanoseconds since the scenario began; a compare-and-set's {@code :value} is
 * {@code [expected new]}, and a ZooKeeper create is a compare-and-set from {@code nil} (absent);
 * a read's is what it returned ({@code nil}: absent); {@code :member} is the member that answered
 * (on an invocation, the one the client was connected to); {@code :error} says why an op failed
 * or is unknown. Faults are the {@code :nemesis} process's {@code :info} operations, as in Jepsen:
 * {@code :start-KIND} when applied (at the moment applying began), {@code :stop-KIND} when
 * recovered, with the members as the value.
 */
public final class HistoryEdn {

    private HistoryEdn() {
    }

    /** Writes the file whole (beside it, then renamed), with {@code header} as a leading comment. */
    public static void write(History history, Path file, String header) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(history, out, header);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(History history, Writer out, String header) throws IOException {
        for (String line : header.split("\n")) {
            out.write("; " + line + "\n");
        }
        for (History.Entry entry : history.entries()) {
            out.write(entry.operation() != null ? line(entry.index(), entry.operation())
                    : line(entry.index(), entry.fault()));
            out.write('\n');
        }
    }

    static String line(long index, Operation op) {
        StringBuilder s = new StringBuilder();
        s.append("{:index ").append(index)
                .append(", :time ").append(op.timeNanos())
                .append(", :process ").append(op.process())
                .append(", :type :").append(op.type().name().toLowerCase(Locale.ROOT))
                .append(", :f :").append(op.f().name().toLowerCase(Locale.ROOT))
                .append(", :key ").append(string(op.key()))
                .append(", :value ").append(value(op));
        if (op.member() >= 0) {
            s.append(", :member ").append(op.member());
        }
        if (op.error() != null) {
            s.append(", :error ").append(string(op.error()));
        }
        return s.append('}').toString();
    }

    private static String value(Operation op) {
        return switch (op.f()) {
            case CAS -> "[" + string(op.expected()) + " " + string(op.value()) + "]";
            case READ -> op.isInvoke() ? "nil" : string(op.value());
            case WRITE -> string(op.value());
        };
    }

    static String line(long index, FaultEvent fault) {
        StringBuilder s = new StringBuilder();
        s.append("{:index ").append(index)
                .append(", :time ").append(fault.timeNanos())
                .append(", :process :nemesis, :type :info")
                .append(", :f :").append(fault.phase() == FaultEvent.Phase.APPLY ? "start-" : "stop-")
                .append(keywordName(fault.kind()))
                .append(", :value [").append(fault.members().stream().map(String::valueOf)
                        .collect(Collectors.joining(" "))).append(']')
                .append(", :fault ").append(string(fault.faultId()))
                .append(", :description ").append(string(fault.description()));
        if (!fault.cuts().isEmpty()) {
            List<FaultEvent.Link> cuts = fault.cuts().stream()
                    .sorted((a, b) -> a.from() != b.from() ? Integer.compare(a.from(), b.from())
                            : Integer.compare(a.to(), b.to())).toList();
            s.append(", :cuts [").append(cuts.stream().map(l -> "[" + l.from() + " " + l.to() + "]")
                    .collect(Collectors.joining(" "))).append(']');
        }
        if (fault.detail() != null) {
            s.append(", :detail ").append(string(fault.detail()));
        }
        return s.append('}').toString();
    }

    private static String keywordName(String kind) {
        return kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9*+!_?<>=.-]+", "-");
    }

    /** An EDN string literal, or {@code nil}. */
    static String string(String value) {
        if (value == null) {
            return "nil";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
