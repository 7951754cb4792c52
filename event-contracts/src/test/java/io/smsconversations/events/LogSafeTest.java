package io.smsconversations.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class LogSafeTest {

    @ParameterizedTest
    @ValueSource(strings = { "+14255550142", "14255550142", "4255550142", "(425) 555-0142", "425-555-0142",
            "425.555.0142", "+1 425 555 0142", "+1-425-555-0142" })
    void everyWayOfWritingANumberIsMasked(String number) {
        String safe = LogSafe.text("Cannot deserialize value of type `int` from String \"" + number + "\": no int");

        assertThat(safe).isEqualTo("Cannot deserialize value of type `int` from String \"***0142\": no int");
    }

    @Test
    void shortNumbersAndWordsStayReadable() {
        assertThat(LogSafe.text("line 12 of 3400: segments must be 1 to 10, HTTP 503, code 21610"))
                .isEqualTo("line 12 of 3400: segments must be 1 to 10, HTTP 503, code 21610");
        assertThat(LogSafe.text(null)).isNull();
    }

    @Test
    void aJsonParsersMessageLosesTheNumberItQuotes() {
        String message;
        try {
            new ObjectMapper().readValue("{\"segments\":\"+14255550142\"}", Segments.class);
            throw new AssertionError("parsed");
        } catch (Exception e) {
            message = e.getMessage();
        }
        assertThat(message).contains("+14255550142");
        assertThat(LogSafe.text(message)).doesNotContain("4255550142").contains("***0142");
    }

    @Test
    void aFailureIsItsClassesAndSqlStateNeverItsMessage() {
        SQLException driver = new SQLException("duplicate key value violates unique constraint \"x\": "
                + "Key (customer_number)=(+14255550142) already exists", "23505");
        IllegalStateException failure = new IllegalStateException("storing +14255550142 failed", driver);

        assertThat(LogSafe.failure(failure)).isEqualTo(
                "java.lang.IllegalStateException <- java.sql.SQLException (SQLSTATE 23505)");
    }

    @Test
    void aDriverErrorOutsideJdbcGivesItsSqlStateToo() {
        assertThat(LogSafe.failure(new VertxLikePgException("ERROR: +14255550142", "57P01")))
                .isEqualTo(VertxLikePgException.class.getName() + " (SQLSTATE 57P01)");
        assertThat(LogSafe.failure(null)).isEqualTo("no failure");
    }

    record Segments(int segments) {
    }

    /** The shape of io.vertx.pgclient.PgException: the SQLSTATE behind getSqlState(). */
    public static final class VertxLikePgException extends RuntimeException {

        private final String sqlState;

        VertxLikePgException(String message, String sqlState) {
            super(message);
            this.sqlState = sqlState;
        }

        public String getSqlState() {
            return sqlState;
        }
    }
}
