package dev.quorumchaos.service.zookeeper;

import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconfigurationDigestTest {

    @Test
    void theSuperDigestIsWhatZooKeeperComputesForTheSuperUser() throws Exception {
        assertThat(Reconfiguration.digest()).isEqualTo(DigestAuthenticationProvider.generateDigest(Reconfiguration.SUPER_AUTH))
                .startsWith("super:");
    }
}
