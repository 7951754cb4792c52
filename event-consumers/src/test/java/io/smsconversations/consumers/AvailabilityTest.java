package io.smsconversations.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.smsconversations.consumers.Availability.Dependency;
import io.smsconversations.consumers.Availability.Kind;
import io.vertx.pgclient.PgException;

class AvailabilityTest {

    @Test
    void poisonIsPoisonWhateverItWraps() {
        assertThat(Availability.kindOf(new PoisonRecordException("no payload", new ConnectException())))
                .isEqualTo(Kind.POISON);
    }

    @Test
    void unavailableSqlStatesAreOutagesOthersAreFaults() {
        assertThat(Availability.dependencyAway(pg("08006"))).contains(Dependency.DATABASE); // connection failure
        assertThat(Availability.dependencyAway(pg("53300"))).contains(Dependency.DATABASE); // too many connections
        assertThat(Availability.dependencyAway(pg("57P01"))).contains(Dependency.DATABASE); // admin shutdown
        assertThat(Availability.dependencyAway(pg("57P03"))).contains(Dependency.DATABASE); // cannot connect now
        assertThat(Availability.kindOf(pg("23505"))).isEqualTo(Kind.FAULT); // unique violation
        assertThat(Availability.kindOf(pg("40P01"))).isEqualTo(Kind.FAULT); // deadlock: retried, bounded
        assertThat(Availability.kindOf(pg("57014"))).isEqualTo(Kind.FAULT); // statement timeout is not 57P
    }

    @Test
    void theCauseChainIsSearched() {
        Throwable wrapped = new CompletionException(new WrappingException("could not execute",
                new ConnectException("Connection refused")));
        assertThat(Availability.kindOf(wrapped)).isEqualTo(Kind.OUTAGE);
        assertThat(Availability.kindOf(new CompletionException(new IllegalStateException("bug"))))
                .isEqualTo(Kind.FAULT);
    }

    @Test
    void aConnectionClosedUnderPendingStatementsIsAnOutage() {
        // what the SQL client fails pending statements with when the server drops the connection
        assertThat(Availability.kindOf(new io.vertx.core.impl.NoStackTraceThrowable(
                "Pending requests failed to be sent due to connection has been closed."))).isEqualTo(Kind.OUTAGE);
        assertThat(Availability.kindOf(new io.vertx.core.VertxException("Timeout waiting for connection")))
                .isEqualTo(Kind.OUTAGE);
        assertThat(Availability.kindOf(new IllegalStateException("connection closed by the seller")))
                .isEqualTo(Kind.FAULT); // only the drivers' own failures are read this way
    }

    @Test
    void kafkaTimeoutsAndRetriableErrorsAreOutages() {
        assertThat(Availability.dependencyAway(new org.apache.kafka.common.errors.TimeoutException("expired")))
                .contains(Dependency.KAFKA);
        assertThat(Availability.dependencyAway(new org.apache.kafka.common.errors.NotEnoughReplicasException("x")))
                .contains(Dependency.KAFKA);
        assertThat(Availability.kindOf(new org.apache.kafka.common.errors.RecordTooLargeException("too large")))
                .isEqualTo(Kind.FAULT);
    }

    private static PgException pg(String sqlState) {
        return new PgException("message quoting +14255550100", "ERROR", sqlState, "detail");
    }

    /** Stands for Hibernate Reactive's and Mutiny's wrappers, which carry the driver's failure as their cause. */
    static final class WrappingException extends RuntimeException {
        WrappingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
