package io.smsconversations.consumers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * The rule that tells an outage from a bad record. A failure caused by something the record needs being away - the
 * database or the broker refusing or dropping connections, a pool with no free connection in time, a PostgreSQL
 * error of SQLSTATE class 08 (connection), 53 (insufficient resources) or 57P (shutting down, starting up), a Kafka
 * send that timed out or failed with a retriable error - is an {@link Kind#OUTAGE}: waited out, never a reason to
 * dead-letter. A {@link PoisonRecordException} is {@link Kind#POISON}. Anything else is a {@link Kind#FAULT}: retried
 * a few times (a deadlock, a serialisation failure pass on a second try), then dead-lettered with its kind.
 * <p>
 * Drivers and Hibernate Reactive wrap their failures, so the whole cause chain is searched.
 */
public final class Availability {

    /** What a failure says about the record that was being processed. */
    public enum Kind {
        POISON, OUTAGE, FAULT
    }

    /** Which dependency was away, for readiness and metrics. */
    public enum Dependency {
        DATABASE, KAFKA, NETWORK;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int MAX_DEPTH = 16;

    private Availability() {
    }

    public static Kind kindOf(Throwable failure) {
        if (failure instanceof PoisonRecordException) {
            return Kind.POISON;
        }
        return dependencyAway(failure).isPresent() ? Kind.OUTAGE : Kind.FAULT;
    }

    public static boolean isOutage(Throwable failure) {
        return kindOf(failure) == Kind.OUTAGE;
    }

    /** The dependency whose absence caused {@code failure}, if that is what caused it. */
    public static Optional<Dependency> dependencyAway(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            Optional<Dependency> away = away(t);
            if (away.isPresent()) {
                return away;
            }
            depth++;
        }
        return Optional.empty();
    }

    /** The SQLSTATE of the first database error in the chain. */
    public static Optional<String> sqlState(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException database && database.getSqlState() != null) {
                return Optional.of(database.getSqlState());
            }
            depth++;
        }
        return Optional.empty();
    }

    private static Optional<Dependency> away(Throwable t) {
        if (t instanceof DatabaseException database) {
            return unavailableState(database.getSqlState()) ? Optional.of(Dependency.DATABASE) : Optional.empty();
        }
        if (t instanceof ClosedConnectionException) {
            return Optional.of(Dependency.DATABASE);
        }
        if (t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof RetriableException) {
            return Optional.of(Dependency.KAFKA);
        }
        if (t instanceof BackPressureFailure) {
            // an emitter whose sends the broker stopped acknowledging: its buffer filled up
            return Optional.of(Dependency.KAFKA);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                || t instanceof SocketException || t instanceof ClosedChannelException
                || t instanceof ConnectionPoolTooBusyException || t instanceof TimeoutException
                || t instanceof io.netty.handler.timeout.TimeoutException) {
            return Optional.of(Dependency.NETWORK);
        }
        if (isDriverFailure(t) && isConnectionMessage(t.getMessage())) {
            // Vert.x reports a pooled connection that went away ("Pending requests failed to be sent due to
            // connection has been closed."), or a pool wait that timed out, with a plain exception and a message
            return Optional.of(Dependency.NETWORK);
        }
        return Optional.empty();
    }

    private static boolean isDriverFailure(Throwable t) {
        return t instanceof IOException || t instanceof io.vertx.core.VertxException
                || t instanceof io.vertx.core.impl.NoStackTraceThrowable;
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.startsWith("57P"));
    }

    private static boolean isConnectionMessage(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        // e.g. "Connection is closed", "Connection reset", "Timeout waiting for connection" (a pool wait)
        return m.contains("connection") && (m.contains("closed") || m.contains("reset") || m.contains("refused")
                || m.contains("timeout") || m.contains("timed out")) || m.equals("timeout");
    }
}
