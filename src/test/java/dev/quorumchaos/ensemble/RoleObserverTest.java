package dev.quorumchaos.ensemble;

import dev.quorumchaos.service.zookeeper.SrvrAnswer;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How a member's silence is told apart from the harness's own stall, against a stand-in member. */
class RoleObserverTest {

    private static final String FOLLOWER = "Zookeeper version: 3.9.5\nZxid: 0x100000005\nMode: follower\n";

    private final List<Socket> held = new ArrayList<>();
    private ServerSocket member;

    @AfterEach
    void close() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        if (member != null) {
            member.close();
        }
    }

    /** A member that leaves the first {@code silent} questions unanswered (holding them open) and answers the rest. */
    private InetSocketAddress member(int silent) throws IOException {
        member = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger asked = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!member.isClosed()) {
                try {
                    Socket s = member.accept();
                    if (asked.getAndIncrement() < silent) {
                        held.add(s); // accepted, never answered: a frozen process
                        continue;
                    }
                    s.getInputStream().readNBytes(4);
                    try (OutputStream out = s.getOutputStream()) {
                        out.write(FOLLOWER.getBytes(StandardCharsets.US_ASCII));
                    }
                    s.close();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "stand-in-member");
        t.setDaemon(true);
        t.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), member.getLocalPort());
    }

    private static RoleObserver observer(InetSocketAddress address, History history) {
        return new RoleObserver(1, SrvrAnswer.over(i -> address), history, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    @Test
    void oneQuestionLeftUnansweredIsNotTheMembersSilence() throws Exception {
        History history = new History();
        try (RoleObserver observer = observer(member(1), history)) {
            observer.poll(0);
        }
        assertThat(history.stateChanges()).extracting(MemberStateChange::state).containsExactly(MemberState.FOLLOWER);
    }

    @Test
    void twoInARowAreAndDateFromTheFirstQuestion() throws Exception {
        History history = new History();
        try (RoleObserver observer = observer(member(2), history)) {
            long before = history.now();
            observer.poll(0);
            long after = history.now();

            MemberStateChange silent = history.stateChanges().get(0);
            assertThat(silent.state()).isEqualTo(MemberState.UNRESPONSIVE);
            assertThat(silent.timeNanos()).as("dated from the first question, not the second timeout")
                    .isBetween(before, after - Duration.ofMillis(150).toNanos());
            observer.poll(0);
        }
        assertThat(history.stateChanges()).extracting(MemberStateChange::state)
                .containsExactly(MemberState.UNRESPONSIVE, MemberState.FOLLOWER);
    }

    @Test
    void aChangeDatedEarlierTakesItsPlaceInTime() {
        History history = new History();
        history.recordState(new MemberStateChange(0, MemberState.LOOKING, -1, 500, null));
        history.recordState(new MemberStateChange(1, MemberState.UNRESPONSIVE, -1, 120, null));
        history.recordState(new MemberStateChange(1, MemberState.FOLLOWER, 1, 700, null));

        assertThat(history.stateChanges()).extracting(MemberStateChange::timeNanos).containsExactly(120L, 500L, 700L);
    }
}
