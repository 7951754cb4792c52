package io.smsconversations.routing.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The bounded line reader of the bulk import: line ends, numbering, and the bound. */
@Tag("fast")
class ImportLinesTest {

    @Test
    void splitsAtLineFeedsWithOrWithoutCarriageReturnsAndKeepsALastLineWithoutOne() {
        assertThat(read("a\nb\r\n\nc\rd\ne", 1, 10)).containsExactly("1:a", "2:b", "3:", "4:c\rd", "5:e");
        assertThat(read("a\n", 2, 10)).containsExactly("2:a");
        assertThat(read("", 1, 10)).isEmpty();
    }

    @Test
    void aLineAtTheBoundIsReadAndOneLongerEndsTheLinesThere() {
        String atBound = "x".repeat(10);
        assertThat(read(atBound + "\r\n" + atBound, 1, 10)).containsExactly("1:" + atBound, "2:" + atBound);
        assertThat(read("ok\n" + atBound + "y\nnever read\n", 1, 10)).containsExactly("1:ok", "2:too long");
        assertThat(read("ok\n" + "z".repeat(100_000), 1, 10)).containsExactly("1:ok", "2:too long");
    }

    @Test
    void readsLinesLongerThanItsBufferWhole() {
        String longLine = "l".repeat(20_000);
        assertThat(read(longLine + "\n" + longLine, 1, 20_000)).containsExactly("1:" + longLine, "2:" + longLine);
    }

    private static List<String> read(String body, long firstLine, int maxLength) {
        ImportLines lines = new ImportLines(new StringReader(body), firstLine, maxLength);
        List<String> read = new ArrayList<>();
        lines.forEachRemaining(line -> read.add(line.number() + ":" + (line.tooLong() ? "too long" : line.text())));
        return read;
    }
}
