package dev.quorumchaos.history.edn;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the harness writes is Jepsen's format, one map per line, and reads back as it was recorded. */
class HistoryEdnTest {

    @Test
    void operationsAndFaultsAreWrittenOnePerLineAndReadBackAsRecorded() throws Exception {
        History history = new History();
        Operation read = history.invoke(0, Operation.Fn.READ, "/registers/r0", null, null, 1);
        history.complete(read, Operation.Type.OK, null, null);
        Operation create = history.invoke(0, Operation.Fn.CAS, "/registers/r0", "p0-0", null, 1);
        history.recordFault(new FaultEvent("partition-1", "partition", "isolate member 2 from the rest",
                FaultEvent.Phase.APPLY, List.of(2), history.now(), null,
                Set.of(new FaultEvent.Link(2, 0), new FaultEvent.Link(0, 2))));
        history.complete(create, Operation.Type.INFO, null, "no answer within 5000 ms", 0);
        Operation write = history.invoke(1, Operation.Fn.WRITE, "/orders/1-0", "say \"hi\"\n", null, -1);
        history.complete(write, Operation.Type.FAIL, null, "NODEEXISTS");
        history.recordFault(new FaultEvent("partition-1", "partition", "isolate member 2 from the rest",
                FaultEvent.Phase.RECOVER, List.of(2), history.now(), "the network heals", Set.of()));

        StringWriter text = new StringWriter();
        HistoryEdn.write(history, text, "a test\nof two lines");
        List<String> lines = text.toString().lines().toList();

        assertThat(lines).hasSize(10);
        assertThat(lines.subList(0, 2)).containsExactly("; a test", "; of two lines");
        assertThat(lines.get(3)).matches("\\{:index 1, :time \\d+, :process 0, :type :ok, :f :read,"
                + " :key \"/registers/r0\", :value nil, :member 1}");
        assertThat(lines.get(4)).matches("\\{:index 2, :time \\d+, :process 0, :type :invoke, :f :cas,"
                + " :key \"/registers/r0\", :value \\[nil \"p0-0\"], :member 1}");
        assertThat(lines.get(5)).matches("\\{:index 3, :time \\d+, :process :nemesis, :type :info, :f :start-partition,"
                + " :value \\[2], :fault \"partition-1\", :description \"isolate member 2 from the rest\","
                + " :cuts \\[\\[0 2] \\[2 0]]}");
        assertThat(lines.get(6)).contains(":type :info, :f :cas").contains(":member 0, :error \"no answer within 5000 ms\"");
        assertThat(lines.get(7)).contains(":value \"say \\\"hi\\\"\\n\"").doesNotContain(":member");
        assertThat(lines.get(9)).contains(":f :stop-partition").contains(":detail \"the network heals\"");

        HistoryFile back = HistoryFile.parse(Path.of("h.edn"), new StringReader(text.toString()));
        assertThat(back.operations()).isEqualTo(history.operations());
        assertThat(back.faults()).isEqualTo(history.faultEvents());
        assertThat(back.timed()).isTrue();
        assertThat(back.lineOf(3)).isEqualTo(6);
    }

    @Test
    void aReadIsWrittenWithWhatItReturnedAndItsInvocationWithNil() throws Exception {
        History history = new History();
        history.append(new Operation(0, 0, Operation.Type.INVOKE, Operation.Fn.READ, "/r", "stale", null, 1, 10, null));
        history.append(new Operation(1, 0, Operation.Type.OK, Operation.Fn.READ, "/r", "p0-1", null, 1, 20, null));

        StringWriter text = new StringWriter();
        HistoryEdn.write(history, text, "h");

        assertThat(text.toString().lines()).containsExactly("; h",
                "{:index 0, :time 10, :process 0, :type :invoke, :f :read, :key \"/r\", :value nil, :member 1}",
                "{:index 1, :time 20, :process 0, :type :ok, :f :read, :key \"/r\", :value \"p0-1\", :member 1}");
    }

    @Test
    void aFaultKindBecomesAKeywordAndControlCharactersAreEscaped() {
        assertThat(HistoryEdn.line(3, new FaultEvent("n-1", "Node Drain!", "drain\tnode\u0001", FaultEvent.Phase.APPLY,
                List.of(), 5, "c:\\dir\r", Set.of())))
                .isEqualTo("{:index 3, :time 5, :process :nemesis, :type :info, :f :start-node-drain!, :value [],"
                        + " :fault \"n-1\", :description \"drain\\tnode\\u0001\", :detail \"c:\\\\dir\\r\"}");
    }

    @Test
    void theFileIsWrittenWholeInPlace(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        History history = new History();
        history.append(new Operation(0, 0, Operation.Type.INVOKE, Operation.Fn.WRITE, "/o", "v", null, -1, 10, null));
        Path file = dir.resolve("scenario/history.edn");

        HistoryEdn.write(history, file, "check again with ./chaos check");

        assertThat(java.nio.file.Files.readAllLines(file)).containsExactly("; check again with ./chaos check",
                "{:index 0, :time 10, :process 0, :type :invoke, :f :write, :key \"/o\", :value \"v\"}");
        assertThat(java.nio.file.Files.list(file.getParent())).containsExactly(file);
    }
}
