package io.smsconversations.gateway.send;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.vertx.pgclient.PgException;

/**
 * How a failure is written to a log or a dead-letter reason: by class (and SQLSTATE for a database error), never by
 * its message, which for a driver or provider may quote parameters, numbers or message text.
 */
public final class Failures {

    private static final int DEPTH = 4;

    private Failures() {
    }

    /** For example {@code PublishFailedException <- TimeoutException} or {@code PgException (SQLSTATE 57P01)}. */
    public static String describe(Throwable failure) {
        List<String> chain = new ArrayList<>();
        Throwable current = failure;
        while (current != null && chain.size() < DEPTH) {
            chain.add(current.getClass().getSimpleName() + sqlState(current));
            current = current.getCause() == current ? null : current.getCause();
        }
        return chain.isEmpty() ? "no failure" : String.join(" <- ", chain);
    }

    private static String sqlState(Throwable failure) {
        String state = null;
        if (failure instanceof PgException pg) {
            state = pg.getSqlState();
        } else if (failure instanceof SQLException sql) {
            state = sql.getSQLState();
        }
        return state == null ? "" : " (SQLSTATE " + state + ")";
    }
}
