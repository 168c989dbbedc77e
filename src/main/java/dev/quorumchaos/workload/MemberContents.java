package dev.quorumchaos.workload;

import java.util.Set;

/**
 * The keys one member holds under the workload's paths after recovery, read from that member
 * alone; or why it could not be read.
 */
public record MemberContents(int member, Set<String> keys, String unreadableBecause) {

    public static MemberContents read(int member, Set<String> keys) {
        return new MemberContents(member, Set.copyOf(keys), null);
    }

    public static MemberContents unreadable(int member, String why) {
        return new MemberContents(member, Set.of(), why);
    }

    public boolean readable() {
        return unreadableBecause == null;
    }
}
