package dev.quorumchaos.glue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --seed N} reruns a scenario's random choices (random member, rolling order) exactly, and only N changes them. */
class SeededChoicesTest {

    private static List<Integer> rollingOrder(Random random) {
        List<Integer> members = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Collections.shuffle(members, random);
        return members;
    }

    @Test
    void theSameSeedAndScenarioGiveTheSameChoices() {
        assertThat(rollingOrder(ScenarioClock.seeded(42, "leader killed")))
                .isEqualTo(rollingOrder(ScenarioClock.seeded(42, "leader killed")));
    }

    @Test
    void anotherSeedGivesOtherChoices() {
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            orders.add(rollingOrder(ScenarioClock.seeded(seed, "leader killed")));
        }

        assertThat(orders).hasSizeGreaterThan(5);
    }

    @Test
    void eachScenarioOfARunHasChoicesOfItsOwn() {
        assertThat(rollingOrder(ScenarioClock.seeded(42, "leader killed")))
                .isNotEqualTo(rollingOrder(ScenarioClock.seeded(42, "leader paused")));
    }
}
