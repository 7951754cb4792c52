package io.smsconversations.events;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a text or a failure may go into a log line (SPEC §10: phone numbers and message bodies are personal data).
 * A failure's message is written by whoever threw it: a JSON parser quotes the value it could not read, a database
 * driver the row it refused ({@code Key (customer_number)=(+14255550100)}), so logs carry a failure's classes and its
 * SQLSTATE, never its message; texts built from outside input have every number in them masked.
 */
public final class LogSafe {

    /**
     * A run of at least 7 digits, optionally after a {@code +} and with the separators people write between digit
     * groups: long enough to be a phone number, short runs (counts, ports, codes) stay readable.
     */
    private static final Pattern NUMBER = Pattern.compile("\\+?\\(?\\d(?:[\\s().\\-/]{0,2}\\d){6,}");

    private LogSafe() {
    }

    /** {@code text} with every phone-number-like run of digits masked as {@link E164#masked} does. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher numbers = NUMBER.matcher(text);
        StringBuilder safe = new StringBuilder();
        while (numbers.find()) {
            numbers.appendReplacement(safe, Matcher.quoteReplacement(E164.masked(numbers.group())));
        }
        return numbers.appendTail(safe).toString();
    }

    /**
     * {@code failure} and its causes by class, with the SQLSTATE of a database error:
     * {@code org.hibernate.exception.ConstraintViolationException <- io.vertx.pgclient.PgException (SQLSTATE 23505)}.
     */
    public static String failure(Throwable failure) {
        if (failure == null) {
            return "no failure";
        }
        List<String> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String state = sqlState(t);
            chain.add(t.getClass().getName() + (state == null ? "" : " (SQLSTATE " + state + ")"));
        }
        return String.join(" <- ", chain);
    }

    /**
     * The SQLSTATE of a JDBC or a Vert.x PostgreSQL client error. Read by name so this module, which every service
     * shares, needs no database driver.
     */
    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        for (String getter : new String[] { "getSqlState", "getSQLState" }) {
            try {
                Method method = t.getClass().getMethod(getter);
                Object state = method.invoke(t);
                if (state instanceof String code) {
                    return code;
                }
            } catch (ReflectiveOperationException | RuntimeException notADatabaseError) {
                // no such getter: not a database error
            }
        }
        return null;
    }
}
