package io.smsconversations.routing.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of an import body, read lazily as the pipeline asks for them, none longer than {@code maxLength}
 * characters. {@code BufferedReader.readLine} would hold a line of any length in memory, so one line of a gigabyte
 * (a file without line breaks, or a hostile body) would exhaust the heap; here a line is given up as soon as it
 * passes the limit: it comes out as {@link Line#tooLong()} and nothing after it is read.
 * <p>
 * Lines end with {@code \n} or {@code \r\n} (JSON lines and RFC 4180 CSV); a lone {@code \r} is kept as text.
 */
final class ImportLines implements Iterator<ImportLines.Line> {

    /** One line of the body, numbered from 1; {@code text} is null when the line is too long. */
    record Line(long number, String text) {

        boolean tooLong() {
            return text == null;
        }
    }

    private final Reader reader;
    private final int maxLength;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private long number;
    private Line next;
    private boolean done;

    ImportLines(Reader reader, long firstLine, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
        this.number = firstLine - 1;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = read();
            done = next == null || next.tooLong();
        }
        return next != null;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line line = next;
        next = null;
        return line;
    }

    private Line read() {
        line.setLength(0);
        boolean started = false;
        try {
            while (true) {
                if (position == end && !fill()) {
                    return started ? finished() : null;
                }
                started = true;
                int from = position;
                while (position < end && buffer[position] != '\n') {
                    position++;
                }
                line.append(buffer, from, position - from);
                // One more than the limit: it may be the \r of a \r\n, which is not part of the line.
                if (line.length() > maxLength + 1) {
                    return new Line(++number, null);
                }
                if (position < end) {
                    position++; // the \n
                    return finished();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer, 0, buffer.length);
        position = 0;
        end = Math.max(0, read);
        return read > 0;
    }

    private Line finished() {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        if (line.length() > maxLength) {
            return new Line(++number, null);
        }
        return new Line(++number, line.toString());
    }
}
