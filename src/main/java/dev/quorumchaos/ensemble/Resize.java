package dev.quorumchaos.ensemble;

/**
 * One membership change as the service made it.
 *
 * @param member    the ordinal added or removed
 * @param added     whether it joined (else it left)
 * @param wasLeader whether it led when it was removed: the service had to choose another leader
 * @param detail    what changed, as the service says it (the server line, the member id, the new config version)
 */
public record Resize(int member, boolean added, boolean wasLeader, String detail) {

    public String describe() {
        return "member " + member + (added ? " joined" : wasLeader ? ", the leader, left" : " left") + ": " + detail;
    }
}
