package io.smsconversations.routing.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.routing.directory.DirectoryNormaliser;
import io.smsconversations.routing.directory.DirectoryPublisher;
import io.smsconversations.routing.directory.InvalidDirectoryEntryException;
import io.smsconversations.routing.directory.RecordCsv;
import io.smsconversations.routing.directory.Violation;

/**
 * Bulk import of records for first set-up: JSON lines ({@code application/x-ndjson}, one {@code DirectoryRecord} per
 * line) or CSV ({@code text/csv}, see {@link RecordCsv}), read as a stream. Each line is checked and normalised like
 * {@code PUT /api/admin/records/{id}}; valid ones are published to {@code directory.records} (acks=all) with up to
 * {@code routing.import.max-in-flight} sends pipelined, so the producer batches them; refused lines are reported by
 * number. The service's own consumer then stores them, as for any change. The only path that takes bodies above
 * {@code routing.http.max-body-size} (see {@link BodyLimits}).
 * <p>
 * The body is read on a worker thread (it is an {@link InputStream}); the completions of the sends hop back to the
 * worker pool before the next line is read, so no read ever happens on an event-loop or Kafka thread.
 */
@Path(RecordImportResource.PATH)
@RolesAllowed("sms-admin")
// both imports read their body as a stream, on a worker thread
@Blocking
@Tag(name = "Directory administration")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an sms-admin")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "SecurityScheme", scopes = "sms-admin")
public class RecordImportResource implements RecordImportApi {

    public static final String PATH = "/api/admin/records/import";
    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    private static final Logger LOG = Logger.getLogger(RecordImportResource.class);

    private final DirectoryNormaliser normaliser;

    private final DirectoryPublisher publisher;

    private final ObjectMapper json;

    private final Clock clock;

    private final int maxInFlight;

    private final int maxLineLength;

    RecordImportResource(DirectoryNormaliser normaliser, DirectoryPublisher publisher, ObjectMapper json, Clock clock,
            @ConfigProperty(name = "routing.import.max-in-flight", defaultValue = "128") int maxInFlight,
            @ConfigProperty(name = "routing.import.max-line-length", defaultValue = "65536") int maxLineLength) {
        this.normaliser = normaliser;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.maxLineLength = maxLineLength;
    }

    /** What became of one line; {@code tooLong} is the number of a line that was too long to read. */
    private record Outcome(boolean blank, RecordImportResult.Reject reject, Long tooLong) {

        static final Outcome ACCEPTED = new Outcome(false, null, null);
        static final Outcome BLANK = new Outcome(true, null, null);

        Outcome(boolean blank, RecordImportResult.Reject reject) {
            this(blank, reject, null);
        }
    }

    @Override
    public Uni<RecordImportResult> importRecords(InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        return importLines(reader, new ImportLines(reader, 1, maxLineLength), this::fromJson, "JSON lines");
    }

    @Override
    public Uni<RecordImportResult> importCsv(InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        ImportLines lines = new ImportLines(reader, 1, maxLineLength);
        RecordCsv csv;
        try {
            csv = header(lines);
        } catch (RuntimeException e) {
            close(reader);
            throw e instanceof InvalidDirectoryEntryException invalid ? Problems.invalid(invalid, "body") : e;
        }
        return importLines(reader, lines, csv::record, "CSV");
    }

    private RecordCsv header(ImportLines lines) {
        ImportLines.Line header = lines.hasNext() ? lines.next() : null;
        if (header != null && header.tooLong()) {
            throw Problems.lineTooLong(1, maxLineLength, new Tally().result());
        }
        if (header == null || header.text().isBlank()) {
            throw new InvalidDirectoryEntryException("CSV header",
                    List.of(new Violation("header", "is required: the first line names the columns")));
        }
        String text = header.text();
        return RecordCsv.header(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private Uni<RecordImportResult> importLines(Reader reader, ImportLines lines,
            Function<String, DirectoryRecord> parse, String format) {
        return Multi.createFrom().<ImportLines.Line> iterable(() -> lines)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(line -> importLine(line, parse)).merge(Math.max(1, maxInFlight))
                .collect().in(Tally::new, Tally::add)
                .invoke(tally -> LOG.infof("record import (%s): %d line(s), %d published, %d refused%s", format,
                        tally.lines, tally.accepted, tally.rejected,
                        tally.tooLong == null ? "" : ", stopped at line " + tally.tooLong + " (too long)"))
                .map(tally -> {
                    if (tally.tooLong != null) {
                        throw Problems.lineTooLong(tally.tooLong, maxLineLength, tally.result());
                    }
                    return tally.result();
                })
                .eventually(() -> close(reader));
    }

    private DirectoryRecord fromJson(String text) {
        DirectoryRecord record;
        try {
            record = json.readValue(text, DirectoryRecord.class);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the line (phone numbers): say where, not what.
            throw new Refused("not a DirectoryRecord in JSON (" + e.getClass().getSimpleName()
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()) + ")");
        }
        if (record == null) {
            throw new Refused("not a DirectoryRecord in JSON (null)");
        }
        return record;
    }

    /** A line that is not a record at all. */
    private static final class Refused extends RuntimeException {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    private Uni<Outcome> importLine(ImportLines.Line line, Function<String, DirectoryRecord> parse) {
        if (line.tooLong()) {
            return Uni.createFrom().item(new Outcome(false, null, line.number()));
        }
        if (line.text().isBlank()) {
            return Uni.createFrom().item(Outcome.BLANK);
        }
        DirectoryRecord record;
        try {
            record = parse.apply(line.text());
        } catch (Refused e) {
            return refused(line, null, e.getMessage(), List.of());
        } catch (InvalidDirectoryEntryException e) {
            return refused(line, null, e.getMessage(), e.violations());
        }
        if (record.id() == null || record.id().isBlank()) {
            return refused(line, null, "record: id: is required",
                    List.of(new Violation("id", "is required")));
        }
        DirectoryRecord normalised;
        try {
            normalised = normaliser.record(record.id(), record, clock.instant());
        } catch (InvalidDirectoryEntryException e) {
            return refused(line, record.id(), e.getMessage(), e.violations());
        }
        return publisher.publishRecord(normalised)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .replaceWith(Outcome.ACCEPTED)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("record import: line %d not published: %s", line.number(),
                            failure.getClass().getName());
                    return new Outcome(false, new RecordImportResult.Reject(line.number(), normalised.id(),
                            "record " + normalised.id() + ": Kafka did not acknowledge it; import the line again",
                            List.of()));
                });
    }

    private static Uni<Outcome> refused(ImportLines.Line line, String id, String detail,
            List<Violation> violations) {
        return Uni.createFrom().item(new Outcome(false,
                new RecordImportResult.Reject(line.number(), id, detail, violations)));
    }

    private static void close(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // the request is over either way
        }
    }

    /** Counts the outcomes; keeps the first refusals, in line order. */
    private static final class Tally {
        private long lines;
        private long accepted;
        private long rejected;
        private Long tooLong;
        // Outcomes complete out of order: keep the lowest line numbers, bounded, whatever the size of the import.
        private final TreeMap<Long, RecordImportResult.Reject> rejects = new TreeMap<>();

        void add(Outcome outcome) {
            if (outcome.tooLong() != null) {
                tooLong = outcome.tooLong();
                return;
            }
            lines++;
            if (outcome.reject() != null) {
                rejected++;
                rejects.put(outcome.reject().line(), outcome.reject());
                if (rejects.size() > RecordImportResult.MAX_LISTED) {
                    rejects.pollLastEntry();
                }
            } else if (!outcome.blank()) {
                accepted++;
            }
        }

        RecordImportResult result() {
            return new RecordImportResult(lines, accepted, rejected, new ArrayList<>(rejects.values()),
                    rejected <= RecordImportResult.MAX_LISTED);
        }
    }
}
