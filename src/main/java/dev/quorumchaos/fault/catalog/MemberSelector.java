package dev.quorumchaos.fault.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a fault hits, as a fault file says it: {@code leader}, {@code member 2},
 * {@code 2 followers}, {@code random member}, {@code random follower}, {@code node hosting leader},
 * {@code node hosting member 1}. Resolved to members only when the fault is injected.
 */
public record MemberSelector(Who who, int number, boolean node) {

    public enum Who { LEADER, MEMBER, FOLLOWERS, RANDOM_MEMBER, RANDOM_FOLLOWER, EACH_MEMBER }

    static final String FORMS = "leader, member N, N followers, random member, random follower,"
            + " node hosting leader, node hosting member N";

    private static final Pattern MEMBER = Pattern.compile("member (\\d+)");
    private static final Pattern FOLLOWERS = Pattern.compile("(\\d+) followers?");

    /** Returns null when the text is none of the accepted forms. */
    static MemberSelector parse(String text) {
        String t = text.trim().replaceAll("\\s+", " ");
        boolean node = t.startsWith("node hosting ");
        if (node) {
            t = t.substring("node hosting ".length());
        }
        Matcher m;
        if (t.equals("leader") || t.equals("the leader")) {
            return new MemberSelector(Who.LEADER, 1, node);
        } else if ((m = MEMBER.matcher(t)).matches()) {
            return new MemberSelector(Who.MEMBER, Integer.parseInt(m.group(1)), node);
        } else if (!node && (m = FOLLOWERS.matcher(t)).matches()) {
            return new MemberSelector(Who.FOLLOWERS, Integer.parseInt(m.group(1)), false);
        } else if (!node && t.equals("random member")) {
            return new MemberSelector(Who.RANDOM_MEMBER, 1, false);
        } else if (!node && t.equals("random follower")) {
            return new MemberSelector(Who.RANDOM_FOLLOWER, 1, false);
        }
        return null;
    }

    static MemberSelector eachMember() {
        return new MemberSelector(Who.EACH_MEMBER, 1, false);
    }

    public String describe() {
        String who = switch (this.who) {
            case LEADER -> "leader";
            case MEMBER -> "member " + number;
            case FOLLOWERS -> number + " follower" + (number == 1 ? "" : "s");
            case RANDOM_MEMBER -> "random member";
            case RANDOM_FOLLOWER -> "random follower";
            case EACH_MEMBER -> "each member in turn";
        };
        return node ? "node hosting " + who : who;
    }
}
