package io.smsconversations.routing.admin;

import java.util.List;

import io.smsconversations.routing.directory.Violation;

/**
 * The answer to a bulk import: how many lines were read, published and refused, and each refused line by number.
 *
 * @param lines           lines read, blank ones included (they are skipped, not refused)
 * @param accepted        records published to {@code directory.records} and acknowledged by Kafka
 * @param rejected        lines refused (invalid, or not acknowledged by Kafka)
 * @param rejects         the refused lines, in order; at most {@link #MAX_LISTED} of them
 * @param rejectsListedAll false when there were more refusals than are listed
 */
public record RecordImportResult(long lines, long accepted, long rejected, List<Reject> rejects,
        boolean rejectsListedAll) {

    public static final int MAX_LISTED = 1000;

    /**
     * One refused line.
     *
     * @param id         the record's id when it could be read
     * @param detail     what was wrong, e.g. {@code record c-17: phones[1].number: is not a valid phone number}
     * @param violations the fields at fault (empty when the line is not a record at all)
     */
    public record Reject(long line, String id, String detail, List<Violation> violations) {
    }
}
