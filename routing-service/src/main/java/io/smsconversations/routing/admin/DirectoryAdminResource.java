package io.smsconversations.routing.admin;

import java.util.List;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.routing.directory.DirectoryNormaliser;
import io.smsconversations.routing.directory.DirectoryPublisher;
import io.smsconversations.routing.directory.DirectoryStore;
import io.smsconversations.routing.directory.InvalidDirectoryEntryException;

/**
 * The directory administration API (role {@code sms-admin}). A change is checked, normalised (numbers to E.164) and
 * published to its compacted topic; the answer, 202, comes once Kafka has acknowledged it. The service's own
 * consumer then stores it, as every other service learns it: the tables are never written from here, so reads
 * (the GETs) show a change a moment after the 202.
 */
@Path("/api/admin")
@RolesAllowed("sms-admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory administration",
        description = "Records, sellers, teams and business numbers that routing decides with (role sms-admin)")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an sms-admin")
public class DirectoryAdminResource {

    private static final Logger LOG = Logger.getLogger(DirectoryAdminResource.class);

    @Inject
    DirectoryNormaliser normaliser;

    @Inject
    DirectoryPublisher publisher;

    @Inject
    DirectoryStore store;

    // --- records

    @PUT
    @Path("/records/{id}")
    @Operation(summary = "Create or replace a record",
            description = "Phone numbers are normalised to E.164 (numbers without country code are read in the "
                    + "configured default region); modifiedOn defaults to now. Published to directory.records.")
    @APIResponse(responseCode = "202", description = "Published; the body is the record as published",
            content = @Content(schema = @Schema(implementation = DirectoryRecord.class)))
    @APIResponse(responseCode = "400", description = "Invalid record: the problem names each field")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> putRecord(@PathParam("id") @NotBlank @Size(max = 128) String id,
            @NotNull DirectoryRecord record) {
        DirectoryRecord normalised = valid(() -> normaliser.record(id, record, DirectoryStore.now()));
        return published(publisher.publishRecord(normalised), Topics.DIRECTORY_RECORDS, normalised)
                .invoke(() -> LOG.infof("record %s published (%d phone number(s))", id, normalised.phones().size()));
    }

    @DELETE
    @Path("/records/{id}")
    @Operation(summary = "Delete a record", description = "Publishes a tombstone to directory.records.")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> deleteRecord(@PathParam("id") @NotBlank @Size(max = 128) String id) {
        return published(publisher.deleteRecord(id), Topics.DIRECTORY_RECORDS, null);
    }

    @GET
    @Path("/records/{id}")
    @Operation(summary = "A record as this service knows it")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DirectoryRecord.class)))
    @APIResponse(responseCode = "404", description = "No such record")
    public Uni<DirectoryRecord> getRecord(@PathParam("id") String id) {
        return store.record(id).map(found -> found.orElseThrow(() -> new NotFoundException("no record " + id)));
    }

    @GET
    @Path("/records")
    @Operation(summary = "The records carrying a phone number",
            description = "The number is normalised like the records' numbers, so any format finds the same records.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DirectoryRecord.class)))
    @APIResponse(responseCode = "400", description = "The phone is missing or not a phone number")
    public Uni<List<DirectoryRecord>> recordsByPhone(
            @Parameter(description = "a phone number, e.g. +14255550100") @QueryParam("phone") String phone) {
        String number = normaliser.phone(phone).orElseThrow(() -> HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST).withTitle("Bad Request")
                .withDetail("query parameter phone: is not a valid phone number").build());
        return store.recordsCarrying(number);
    }

    // --- sellers

    @PUT
    @Path("/sellers/{id}")
    @Operation(summary = "Create or replace a seller", description = "id is the seller's OIDC subject. "
            + "Published to directory.sellers.")
    @APIResponse(responseCode = "202", description = "Published; the body is the seller as published",
            content = @Content(schema = @Schema(implementation = Seller.class)))
    @APIResponse(responseCode = "400", description = "Invalid seller: the problem names each field")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> putSeller(@PathParam("id") @NotBlank @Size(max = 128) String id,
            @NotNull Seller seller) {
        Seller normalised = valid(() -> normaliser.seller(id, seller));
        return published(publisher.publishSeller(normalised), Topics.DIRECTORY_SELLERS, normalised);
    }

    @DELETE
    @Path("/sellers/{id}")
    @Operation(summary = "Delete a seller", description = "Publishes a tombstone to directory.sellers.")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> deleteSeller(@PathParam("id") @NotBlank @Size(max = 128) String id) {
        return published(publisher.deleteSeller(id), Topics.DIRECTORY_SELLERS, null);
    }

    @GET
    @Path("/sellers/{id}")
    @Operation(summary = "A seller as this service knows them")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Seller.class)))
    @APIResponse(responseCode = "404", description = "No such seller")
    public Uni<Seller> getSeller(@PathParam("id") String id) {
        return store.seller(id).map(found -> found.orElseThrow(() -> new NotFoundException("no seller " + id)));
    }

    // --- business numbers

    @PUT
    @Path("/business-numbers/{number}")
    @Operation(summary = "Create or replace a business number",
            description = "number is URL-encoded (%2B14255550199). Names are unique. "
                    + "Published to directory.business-numbers.")
    @APIResponse(responseCode = "202", description = "Published; the body is the number as published",
            content = @Content(schema = @Schema(implementation = BusinessNumber.class)))
    @APIResponse(responseCode = "400", description = "Invalid business number: the problem names each field")
    @APIResponse(responseCode = "409", description = "Another business number has this name")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> putBusinessNumber(@PathParam("number") String number, @NotNull BusinessNumber body) {
        String key = valid(() -> normaliser.businessNumberKey(number), "path");
        BusinessNumber normalised = valid(() -> normaliser.businessNumber(key, body));
        return store.businessNumberNameTaken(normalised.name(), key).chain(taken -> {
            if (taken) {
                throw Problems.conflict("another business number is already named '" + normalised.name() + "'");
            }
            return published(publisher.publishBusinessNumber(normalised), Topics.DIRECTORY_BUSINESS_NUMBERS,
                    normalised);
        }).invoke(() -> LOG.infof("business number %s published", E164.masked(key)));
    }

    @DELETE
    @Path("/business-numbers/{number}")
    @Operation(summary = "Delete a business number",
            description = "Publishes a tombstone to directory.business-numbers.")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "400", description = "The number is not a phone number")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> deleteBusinessNumber(@PathParam("number") String number) {
        String key = valid(() -> normaliser.businessNumberKey(number), "path");
        return published(publisher.deleteBusinessNumber(key), Topics.DIRECTORY_BUSINESS_NUMBERS, null);
    }

    @GET
    @Path("/business-numbers/{number}")
    @Operation(summary = "A business number as this service knows it")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BusinessNumber.class)))
    @APIResponse(responseCode = "404", description = "No such business number")
    public Uni<BusinessNumber> getBusinessNumber(@PathParam("number") String number) {
        String key = valid(() -> normaliser.businessNumberKey(number), "path");
        return store.businessNumber(key)
                .map(found -> found.orElseThrow(() -> new NotFoundException("no such business number")));
    }

    // --- helpers

    static <T> T valid(Supplier<T> normalise) {
        return valid(normalise, "body");
    }

    static <T> T valid(Supplier<T> normalise, String in) {
        try {
            return normalise.get();
        } catch (InvalidDirectoryEntryException e) {
            throw Problems.invalid(e, in);
        }
    }

    /** 202 with {@code body} once Kafka acknowledged; 503 when it did not. */
    static Uni<Response> published(Uni<Void> publication, String topic, Object body) {
        return publication
                .map(ignored -> (body == null ? Response.accepted() : Response.accepted(body)).build())
                .onFailure(failure -> !(failure instanceof WebApplicationException)
                        && !(failure instanceof HttpProblem))
                .transform(failure -> {
                    LOG.errorf("publishing to %s failed: %s", topic, failure.getClass().getName());
                    return Problems.unavailable(topic);
                });
    }
}
