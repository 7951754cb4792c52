package io.smsconversations.routing.directory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;

/**
 * Records as CSV (RFC 4180: comma-separated, fields optionally in double quotes, {@code ""} for a quote; one record
 * per line, no line breaks inside fields). The first line names the columns, in any order:
 * {@code id,type,name,ownerSellerId,ownerTeamId,active,modifiedOn,mobile,business,accountId,customerId,
 * relatedContactIds}; {@code id}, {@code type} and {@code name} are required, the others optional. {@code mobile} and
 * {@code business} hold one or more numbers separated by {@code ;}, {@code relatedContactIds} one or more ids
 * separated by {@code ;}. {@code active} is {@code true}/{@code false} (blank: true); {@code modifiedOn} is ISO-8601.
 * <p>
 * Pure: turns a line into a {@link DirectoryRecord} with the numbers as written; {@link DirectoryNormaliser} then
 * checks and normalises it like any other record.
 */
public final class RecordCsv {

    public static final List<String> COLUMNS = List.of("id", "type", "name", "ownerSellerId", "ownerTeamId",
            "active", "modifiedOn", "mobile", "business", "accountId", "customerId", "relatedContactIds");
    private static final List<String> REQUIRED = List.of("id", "type", "name");

    private final Map<String, Integer> index;
    private final int width;

    private RecordCsv(Map<String, Integer> index, int width) {
        this.index = index;
        this.width = width;
    }

    /** Reads the header line; refuses unknown, repeated or missing required columns. */
    public static RecordCsv header(String line) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<String> names;
        try {
            names = fields(line);
        } catch (IllegalArgumentException e) {
            throw new InvalidDirectoryEntryException("CSV header", List.of(new Violation("header", e.getMessage())));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            String known = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known == null) {
                violations.add(new Violation("header[" + i + "]", "unknown column '" + name + "' (known: "
                        + String.join(",", COLUMNS) + ")"));
            } else if (index.putIfAbsent(known, i) != null) {
                violations.add(new Violation("header[" + i + "]", "column '" + known + "' is repeated"));
            }
        }
        REQUIRED.stream().filter(c -> !index.containsKey(c))
                .forEach(c -> violations.add(new Violation("header", "column '" + c + "' is required")));
        if (!violations.isEmpty()) {
            throw new InvalidDirectoryEntryException("CSV header", violations);
        }
        return new RecordCsv(Map.copyOf(index), names.size());
    }

    /** One data line as a record (numbers as written). */
    public DirectoryRecord record(String line) {
        List<String> values;
        try {
            values = fields(line);
        } catch (IllegalArgumentException e) {
            throw new InvalidDirectoryEntryException("line", List.of(new Violation("line", e.getMessage())));
        }
        if (values.size() != width) {
            throw new InvalidDirectoryEntryException("line", List.of(new Violation("line",
                    "has " + values.size() + " field(s), the header has " + width)));
        }
        String id = value(values, "id");
        List<Violation> violations = new ArrayList<>();
        RecordType type = null;
        String typeText = value(values, "type");
        if (typeText != null) {
            try {
                type = RecordType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("type", "is not CONTACT, ACCOUNT, OPPORTUNITY or LEAD"));
            }
        }
        boolean active = true;
        String activeText = value(values, "active");
        if (activeText != null) {
            if (activeText.equalsIgnoreCase("true") || activeText.equalsIgnoreCase("false")) {
                active = Boolean.parseBoolean(activeText.toLowerCase(Locale.ROOT));
            } else {
                violations.add(new Violation("active", "is not true or false"));
            }
        }
        Instant modifiedOn = null;
        String modifiedText = value(values, "modifiedOn");
        if (modifiedText != null) {
            try {
                modifiedOn = Instant.parse(modifiedText);
            } catch (DateTimeParseException e) {
                violations.add(new Violation("modifiedOn", "is not an ISO-8601 instant (e.g. 2026-11-01T10:00:00Z)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidDirectoryEntryException(id == null ? "line" : "record " + id, violations);
        }
        List<PhoneNumber> phones = new ArrayList<>();
        phones(value(values, "mobile"), PhoneKind.MOBILE, phones);
        phones(value(values, "business"), PhoneKind.BUSINESS, phones);
        String seller = value(values, "ownerSellerId");
        String team = value(values, "ownerTeamId");
        Owner owner = seller == null && team == null ? null : new Owner(seller, team);
        List<String> related = new ArrayList<>();
        String relatedText = value(values, "relatedContactIds");
        if (relatedText != null) {
            Arrays.stream(relatedText.split(";")).map(String::strip).filter(r -> !r.isEmpty()).forEach(related::add);
        }
        return new DirectoryRecord(id, type, value(values, "name"), owner, active, modifiedOn, phones,
                value(values, "accountId"), value(values, "customerId"), related);
    }

    private String value(List<String> values, String column) {
        Integer i = index.get(column);
        if (i == null) {
            return null;
        }
        String value = values.get(i).strip();
        return value.isEmpty() ? null : value;
    }

    private static void phones(String numbers, PhoneKind kind, List<PhoneNumber> phones) {
        if (numbers != null) {
            Arrays.stream(numbers.split(";")).map(String::strip).filter(n -> !n.isEmpty())
                    .forEach(n -> phones.add(new PhoneNumber(kind, n)));
        }
    }

    /** The fields of one line (RFC 4180 quoting, no line breaks inside fields). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r' || i != line.length() - 1) {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }
}
