package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.history.Operation;
import org.apache.zookeeper.KeeperException;

/**
 * What a client error means for the history. Only answers that prove the operation did not
 * happen are {@code fail}; a lost connection, a timeout or an expired session leave the
 * outcome unknown ({@code info}): the request may have been applied.
 */
final class Outcomes {

    private Outcomes() {
    }

    static Operation.Type of(KeeperException.Code code) {
        return switch (code) {
            case OK -> Operation.Type.OK;
            case CONNECTIONLOSS, OPERATIONTIMEOUT, SESSIONEXPIRED, SESSIONMOVED, REQUESTTIMEOUT, SYSTEMERROR,
                 RUNTIMEINCONSISTENCY, MARSHALLINGERROR, UNIMPLEMENTED, APIERROR -> Operation.Type.INFO;
            default -> Operation.Type.FAIL;
        };
    }
}
