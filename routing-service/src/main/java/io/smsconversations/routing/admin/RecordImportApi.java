package io.smsconversations.routing.admin;

import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DirectoryRecord;

/**
 * The HTTP contract of {@link RecordImportResource}: paths, parameters and their constraints, and what each endpoint
 * answers (OpenAPI), in one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
public interface RecordImportApi {

    String PROBLEM = "application/problem+json";

    @POST
    @Consumes({ RecordImportResource.NDJSON, "application/jsonl" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import records in bulk (JSON lines)",
            description = "One DirectoryRecord per line, each with its id. Each line is validated and normalised "
                    + "like PUT /api/admin/records/{id}; valid ones are published to directory.records, refused ones "
                    + "are listed with their line number. Blank lines are skipped.")
    @APIResponse(responseCode = "200", description = "Read to the end; the counts and the refused lines",
            content = @Content(schema = @Schema(implementation = RecordImportResult.class)))
    @APIResponse(responseCode = "413", description = "A line is longer than routing.import.max-line-length "
            + "characters: the problem names it (line); the lines before it were imported as it reports (imported), "
            + "nothing from it on was read", content = @Content(mediaType = PROBLEM))
    Uni<RecordImportResult> importRecords(InputStream body);

    @POST
    @Consumes(RecordImportResource.CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import records in bulk (CSV)",
            description = "First line: the column names, among id,type,name,ownerSellerId,ownerTeamId,active,"
                    + "modifiedOn,mobile,business,accountId,customerId,relatedContactIds (id, type and name "
                    + "required). mobile and business hold numbers, relatedContactIds ids, separated by ';'. Each line "
                    + "is validated and normalised like PUT /api/admin/records/{id}; refused lines are listed with "
                    + "their line number (the header is line 1).")
    @APIResponse(responseCode = "200", description = "Read to the end; the counts and the refused lines",
            content = @Content(schema = @Schema(implementation = RecordImportResult.class)))
    @APIResponse(responseCode = "400", description = "The header line is missing or names unknown columns",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "A line is longer than routing.import.max-line-length "
            + "characters: the problem names it (line); the lines before it were imported as it reports (imported), "
            + "nothing from it on was read", content = @Content(mediaType = PROBLEM))
    Uni<RecordImportResult> importCsv(InputStream body);
}
