package dev.quorumchaos.check.consistency;

/**
 * The search's memo: configurations already explored, each a (set of linearized operations,
 * register value) pair. The set is kept as a 128-bit Zobrist hash rather than a bitset, so a
 * configuration costs a few words whatever the history's length; two different sets share a
 * hash with probability about 2^-128 per pair, far below any other source of error here.
 */
final class VisitedConfigurations {

    private static final int EMPTY = -1;

    private long[] low;
    private long[] high;
    private int[] states;
    private int size;

    VisitedConfigurations() {
        allocate(1 << 12);
    }

    int size() {
        return size;
    }

    /** Adds the configuration; false when it was already there. */
    boolean add(long setLow, long setHigh, int state) {
        if (2 * (size + 1) > states.length) {
            grow();
        }
        if (!insert(setLow, setHigh, state)) {
            return false;
        }
        size++;
        return true;
    }

    private boolean insert(long setLow, long setHigh, int state) {
        int mask = states.length - 1;
        int slot = spread(setLow, setHigh, state) & mask;
        while (states[slot] != EMPTY) {
            if (states[slot] == state && low[slot] == setLow && high[slot] == setHigh) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        low[slot] = setLow;
        high[slot] = setHigh;
        states[slot] = state;
        return true;
    }

    private static int spread(long setLow, long setHigh, int state) {
        long h = setLow ^ Long.rotateLeft(setHigh, 17) ^ (state * 0x9E3779B97F4A7C15L);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29));
    }

    private void grow() {
        long[] oldLow = low;
        long[] oldHigh = high;
        int[] oldStates = states;
        allocate(oldStates.length * 2);
        for (int i = 0; i < oldStates.length; i++) {
            if (oldStates[i] != EMPTY) {
                insert(oldLow[i], oldHigh[i], oldStates[i]);
            }
        }
    }

    private void allocate(int capacity) {
        low = new long[capacity];
        high = new long[capacity];
        states = new int[capacity];
        java.util.Arrays.fill(states, EMPTY);
    }
}
