package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.Operation;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What an etcd client error means for the history of a write. Only an answer that proves the
 * request was refused is {@code fail}: a rejected argument, a failed precondition, an exhausted
 * resource, a connection refused before anything was sent. Everything that may have left the
 * client is {@code info}: a deadline, a lost connection ({@code UNAVAILABLE} after send, which is
 * also how etcd says "request timed out", "leader changed" and "no leader"), a cancellation, an
 * internal error. A read changes nothing, so every failed read is simply {@code fail}.
 */
final class GrpcOutcomes {

    record Completion(Operation.Type type, String error) {
    }

    private GrpcOutcomes() {
    }

    static Completion ofWrite(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TimeoutException) {
            return new Completion(Operation.Type.INFO, "no answer in time");
        }
        Status.Code code = code(t);
        String text = code == null ? String.valueOf(t) : code + ": " + t.getMessage();
        if (code == null) {
            return new Completion(Operation.Type.INFO, text);
        }
        return switch (code) {
            case UNAVAILABLE -> refusedBeforeSend(t)
                    ? new Completion(Operation.Type.FAIL, "not sent: " + text)
                    : new Completion(Operation.Type.INFO, text);
            case DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, INTERNAL, DATA_LOSS, ABORTED, OK ->
                    new Completion(Operation.Type.INFO, text);
            default -> new Completion(Operation.Type.FAIL, text);
        };
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** jetcd turns gRPC statuses into {@link EtcdException}s whose error codes carry the same names. */
    private static Status.Code code(Throwable t) {
        if (t instanceof EtcdException e && e.getErrorCode() != null) {
            return Status.Code.valueOf(e.getErrorCode().name());
        }
        Status status = Status.fromThrowable(t);
        return status.getCode() == Status.Code.UNKNOWN && status.getCause() == t ? null : status.getCode();
    }

    private static boolean refusedBeforeSend(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
