package dev.quorumchaos.fault;

import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.history.History;
import dev.quorumchaos.report.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectorTest {

    /** Counts its recoveries; nothing else. */
    private static class Counted implements Fault {
        final AtomicInteger recovered = new AtomicInteger();

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public String description() {
            return "a fault that holds until recovered";
        }

        @Override
        public List<Integer> members() {
            return List.of(1);
        }

        @Override
        public void apply() {
        }

        @Override
        public void recover() {
            recovered.incrementAndGet();
        }
    }

    private static final MemberControl NO_MEMBERS = new MemberControl() {
        public void kill(int ordinal) { }
        public void pause(int ordinal) { }
        public void resume(int ordinal) { }
        public void loseVolume(int ordinal) { }
        public void ensureRunning(int ordinal) { }
        public int starts(int ordinal) { return 1; }
        public void onStart(IntConsumer listener) { }
    };

    private final FaultInjector faults = new FaultInjector(new History(), NO_MEMBERS,
            Progress.to(new PrintStream(new ByteArrayOutputStream())));

    /** Notes the history's clock in the middle of applying and of recovering. */
    private static final class Timed extends Counted {
        final History history;
        long applying;
        long recovering;

        Timed(History history) {
            this.history = history;
        }

        @Override
        public void apply() {
            applying = history.now();
        }

        @Override
        public void recover() {
            super.recover();
            recovering = history.now();
        }
    }

    @Test
    void eachEventCarriesWhenTheFaultBeganAndEndedHoldingInFull() {
        History history = new History();
        FaultInjector injector = new FaultInjector(history, NO_MEMBERS,
                Progress.to(new PrintStream(new ByteArrayOutputStream())));
        Timed fault = new Timed(history);

        injector.recover(injector.inject(fault), "healed");

        var apply = history.faultEvents().get(0);
        var recover = history.faultEvents().get(1);
        // applying: recorded from its start, in full effect only from its end
        assertThat(apply.timeNanos()).isLessThanOrEqualTo(fault.applying);
        assertThat(apply.effectiveNanos()).isGreaterThanOrEqualTo(fault.applying);
        // recovering: recorded at its end, no longer in full effect from its start
        assertThat(recover.effectiveNanos()).isLessThanOrEqualTo(fault.recovering);
        assertThat(recover.timeNanos()).isGreaterThanOrEqualTo(fault.recovering);
        injector.close();
    }

    @Test
    void readersCanWaitForFaultsWithADurationToEnd() {
        Counted lasting = new Counted();
        String id = faults.inject(lasting);
        faults.recoverAfter(id, Duration.ofMillis(600));
        long start = System.nanoTime();

        List<String> pending = faults.awaitTimedRecoveries(Duration.ofSeconds(30));

        assertThat(pending).isEmpty();
        assertThat(lasting.recovered).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(faults.active()).isEmpty();
        faults.close();
    }

    @Test
    void aWaitThatGivesUpNamesWhatIsStillInPlaceAndFaultsWithoutADurationAreNotAwaited() {
        String lasting = faults.inject(new Counted());
        faults.inject(new Counted());
        faults.recoverAfter(lasting, Duration.ofMinutes(5));

        assertThat(faults.awaitTimedRecoveries(Duration.ofMillis(200))).containsExactly("a fault that holds until recovered");
        assertThat(faults.active()).hasSize(2);
        faults.close();
        assertThat(faults.active()).isEmpty();
    }
}
