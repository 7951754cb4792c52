package io.smsconversations.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The run's results as Markdown, written as they come (a run stopped half way still leaves its first tables), for
 * {@code docs/benchmarks.md}.
 */
public final class Results {

    private final Path file;
    private final StringBuilder text = new StringBuilder();

    public Results(Path file) {
        this.file = file;
    }

    public Results line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
        flush();
        System.out.println(String.format(Locale.ROOT, format, args));
        return this;
    }

    private void flush() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
