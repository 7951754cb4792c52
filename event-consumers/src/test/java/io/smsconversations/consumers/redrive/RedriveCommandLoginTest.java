package io.smsconversations.consumers.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RedriveCommandLoginTest {

    @Test
    void theRedriveJobLogsInWithTheVariablesOfADeployment() {
        Map<String, String> login = RedriveCommand.loginFromEnvironment(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "KAFKA_BOOTSTRAP_SERVERS", "ignored-here:9092"));

        assertThat(login).containsOnly(
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
    }

    @Test
    void withoutThemTheClientStaysPlaintextAsInTheLocalRun() {
        assertThat(RedriveCommand.loginFromEnvironment(Map.of("KAFKA_SASL_JAAS_CONFIG", " "))).isEmpty();
    }
}
