package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.Operation;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcOutcomesTest {

    private static Operation.Type of(Throwable t) {
        return GrpcOutcomes.ofWrite(new ExecutionException(t)).type();
    }

    @Test
    void whatMayHaveBeenSentIsUnknown() {
        assertThat(of(Status.UNAVAILABLE.withDescription("etcdserver: request timed out").asRuntimeException()))
                .isEqualTo(Operation.Type.INFO);
        assertThat(of(Status.DEADLINE_EXCEEDED.asRuntimeException())).isEqualTo(Operation.Type.INFO);
        assertThat(of(Status.CANCELLED.asRuntimeException())).isEqualTo(Operation.Type.INFO);
        assertThat(of(new TimeoutException())).isEqualTo(Operation.Type.INFO);
        assertThat(of(new IllegalStateException("something else"))).isEqualTo(Operation.Type.INFO);
    }

    @Test
    void aRefusalOrAConnectionNeverMadeIsAFailure() {
        assertThat(of(Status.UNAVAILABLE.withCause(new ConnectException("Connection refused")).asRuntimeException()))
                .isEqualTo(Operation.Type.FAIL);
        assertThat(of(Status.INVALID_ARGUMENT.withDescription("etcdserver: key is not provided").asRuntimeException()))
                .isEqualTo(Operation.Type.FAIL);
        assertThat(of(Status.RESOURCE_EXHAUSTED.withDescription("etcdserver: too many requests").asRuntimeException()))
                .isEqualTo(Operation.Type.FAIL);
        assertThat(of(io.etcd.jetcd.common.exception.EtcdExceptionFactory.toEtcdException(
                Status.FAILED_PRECONDITION.asRuntimeException()))).isEqualTo(Operation.Type.FAIL);
    }
}
