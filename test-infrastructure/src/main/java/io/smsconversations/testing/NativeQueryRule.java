package io.smsconversations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds native queries asking Hibernate for a scalar result class ({@code createNativeQuery(sql, Long.class)}).
 *
 * <p>Hibernate ORM 7.2 keys its query plan cache by the SQL and the result mapping, and the mapping of a scalar
 * class holds a builder that is equal only to itself: every execution adds one more entry with the same hash. The
 * cache fills to its 2,048 entries in one bin, and each look-up then walks them all. That was the top frame of
 * routing's and conversation's CPU profiles in the end-to-end benchmark. {@code Object.class} (or
 * {@code Object[].class} for a row) maps to no builder and hits the cache; the caller casts the value.
 */
public final class NativeQueryRule {

    private static final Pattern SCALAR = Pattern.compile(
            "createNativeQuery\\([^;]*?,\\s*(Integer|Long|Short|String|UUID|Boolean|Instant|OffsetDateTime|"
                    + "BigDecimal|Double|type|resultType)(\\.class)?\\s*\\)");

    private NativeQueryRule() {
    }

    /** "File:line" of each scalar-class native query under {@code sourceRoot}; empty when there is none. */
    public static List<String> scalarResultClasses(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            List<String> found = new ArrayList<>();
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> found.addAll(in(file)));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> in(Path file) {
        try {
            String source = Files.readString(file);
            List<String> found = new ArrayList<>();
            Matcher matcher = SCALAR.matcher(source);
            while (matcher.find()) {
                long line = source.substring(0, matcher.start()).lines().count();
                found.add(file.getFileName() + ":" + line + " asks for " + matcher.group(1));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
