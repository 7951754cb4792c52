package io.smsconversations.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line the application writes while open (the tests run in its JVM), as the console would show it: the
 * formatted message and every exception of the chain, so a test can prove what the logs never contain.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLoggerName() + " " + text(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** What was logged so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that contain {@code text}. */
    public List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }

    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : String.valueOf(record.getMessage()));
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            text.append(" | ").append(cause);
        }
        return text.toString();
    }
}
