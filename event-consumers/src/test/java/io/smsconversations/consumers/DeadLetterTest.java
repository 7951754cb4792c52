package io.smsconversations.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class DeadLetterTest {

    @Test
    void aPoisonRecordKeepsItsContentAndSaysWhereItCameFromAndWhy() {
        var record = Records.cloudEvent("sms.inbound-messages", "k1", "{\"x\":1}", "T");

        DeadLetter letter = DeadLetter.of("routing-service", "inbound-messages", record,
                new PoisonRecordException("missing field(s): from"), 1);

        assertThat(letter.topic()).isEqualTo("sms.inbound-messages.dlq.routing-service");
        assertThat(letter.key()).isEqualTo("k1");
        assertThat(letter.value()).isEqualTo("{\"x\":1}");
        assertThat(DeadLetter.header(letter.headers(), "ce_type")).isEqualTo("T");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo("missing field(s): from");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.KIND)).isEqualTo("poison");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("sms.inbound-messages");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.CHANNEL)).isEqualTo("inbound-messages");
    }

    @Test
    void aFaultIsDescribedByClassAndSqlStateNeverByTheDriversMessage() {
        var record = Records.cloudEvent("sms.t", "k", "{}", "T");

        DeadLetter letter = DeadLetter.of("svc", "ch", record,
                new IllegalStateException("wrapped", new PgException("value +14255550100", "ERROR", "23514", null)),
                5);

        String reason = DeadLetter.header(letter.headers(), DeadLetter.REASON);
        assertThat(reason).startsWith("failed 5 attempt(s): java.lang.IllegalStateException <- ")
                .contains("SQLSTATE 23514").doesNotContain("4255550100").doesNotContain("wrapped");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.KIND)).isEqualTo("retries-exhausted");
    }

    @Test
    void aRecordDeadLetteredAgainCarriesOnlyTheNewReason() {
        var again = Records.consumed("sms.t", "k", "{}", "ce_type", "T", DeadLetter.REASON, "old reason");

        DeadLetter letter = DeadLetter.of("svc", "ch", again, new PoisonRecordException("new reason"), 1);

        assertThat(letter.headers().headers(DeadLetter.REASON)).hasSize(1);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo("new reason");
    }
}
