package dev.quorumchaos.ensemble;

/** Lets tests in other packages read an answer the way the observer does. */
public final class RoleObserverAccess {

    private RoleObserverAccess() {
    }

    public static String mode(String srvr) {
        return RoleObserver.parseMode(srvr).name();
    }
}
