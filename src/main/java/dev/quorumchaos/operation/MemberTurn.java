package dev.quorumchaos.operation;

/**
 * What one member's turn in a rolling operation showed: evidence for the report and messages.
 *
 * @param role     what it was when it was stopped ("leader", "follower")
 * @param from     the version it ran before
 * @param answered the version it said it runs once it served again
 * @param awayMs   from its stop until it served again with the ensemble whole
 */
public record MemberTurn(int member, String role, String from, String answered, long awayMs) {
}
