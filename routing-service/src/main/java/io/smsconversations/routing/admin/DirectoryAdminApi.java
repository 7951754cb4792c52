package io.smsconversations.routing.admin;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Seller;

/**
 * The HTTP contract of {@link DirectoryAdminResource}: paths, parameters, their constraints and what each endpoint
 * answers (OpenAPI), in one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DirectoryAdminApi {

    @PUT
    @Path("/records/{id}")
    @Operation(summary = "Create or replace a record",
            description = "Phone numbers are normalised to E.164 (numbers without country code are read in the "
                    + "configured default region); modifiedOn defaults to now. Published to directory.records.")
    @APIResponse(responseCode = "202", description = "Published; the body is the record as published",
            content = @Content(schema = @Schema(implementation = DirectoryRecord.class)))
    @APIResponse(responseCode = "400", description = "Invalid record: the problem names each field")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> putRecord(@PathParam("id") @NotBlank @Size(max = 128) String id, @NotNull DirectoryRecord record);

    @DELETE
    @Path("/records/{id}")
    @Operation(summary = "Delete a record", description = "Publishes a tombstone to directory.records.")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> deleteRecord(@PathParam("id") @NotBlank @Size(max = 128) String id);

    @GET
    @Path("/records/{id}")
    @Operation(summary = "A record as this service knows it")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DirectoryRecord.class)))
    @APIResponse(responseCode = "404", description = "No such record")
    Uni<DirectoryRecord> getRecord(@PathParam("id") @Parameter(example = ApiExamples.RECORD_ID) String id);

    @GET
    @Path("/records")
    @Operation(summary = "The records carrying a phone number",
            description = "The number is normalised like the records' numbers, so any format finds the same records.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DirectoryRecord.class)))
    @APIResponse(responseCode = "400", description = "The phone is missing or not a phone number")
    Uni<List<DirectoryRecord>> recordsByPhone(
            @QueryParam("phone") @Parameter(description = "a phone number, in any format",
                    example = ApiExamples.PHONE) String phone);

    @PUT
    @Path("/sellers/{id}")
    @Operation(summary = "Create or replace a seller", description = "id is the seller's OIDC subject. "
            + "Published to directory.sellers.")
    @APIResponse(responseCode = "202", description = "Published; the body is the seller as published",
            content = @Content(schema = @Schema(implementation = Seller.class)))
    @APIResponse(responseCode = "400", description = "Invalid seller: the problem names each field")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> putSeller(@PathParam("id") @NotBlank @Size(max = 128) String id, @NotNull Seller seller);

    @DELETE
    @Path("/sellers/{id}")
    @Operation(summary = "Delete a seller", description = "Publishes a tombstone to directory.sellers.")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> deleteSeller(@PathParam("id") @NotBlank @Size(max = 128) String id);

    @GET
    @Path("/sellers/{id}")
    @Operation(summary = "A seller as this service knows them")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Seller.class)))
    @APIResponse(responseCode = "404", description = "No such seller")
    Uni<Seller> getSeller(@PathParam("id") String id);

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
    Uni<Response> putBusinessNumber(@PathParam("number") String number, @NotNull BusinessNumber body);

    @DELETE
    @Path("/business-numbers/{number}")
    @Operation(summary = "Delete a business number",
            description = "Publishes a tombstone to directory.business-numbers.")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "400", description = "The number is not a phone number")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> deleteBusinessNumber(@PathParam("number") String number);

    @GET
    @Path("/business-numbers/{number}")
    @Operation(summary = "A business number as this service knows it")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BusinessNumber.class)))
    @APIResponse(responseCode = "404", description = "No such business number")
    Uni<BusinessNumber> getBusinessNumber(
            @PathParam("number") @Parameter(description = "E.164, URL-encoded",
                    example = ApiExamples.BUSINESS_NUMBER_PATH) String number);
}
