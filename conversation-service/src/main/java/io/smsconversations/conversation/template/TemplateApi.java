package io.smsconversations.conversation.template;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;

/**
 * The HTTP contract of {@link TemplateResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface TemplateApi {

    @GET
    @Operation(summary = "The templates I may use",
            description = "My personal templates and the organisation's, by name. A language also finds its "
                    + "sub-tags: en finds en, en-US and en-GB.")
    @APIResponse(responseCode = "200", description = "The templates, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateList.class)))
    @APIResponse(responseCode = "400", description = "An unknown category or an invalid language tag",
            content = @Content(mediaType = "application/problem+json"))
    Uni<TemplateList> list(
            @Parameter(description = "Only templates for this record type: CONTACT, ACCOUNT, OPPORTUNITY or LEAD")
            @QueryParam("category") String category,
            @Parameter(description = "Only templates in this language (BCP 47 tag)")
            @QueryParam("language") String language);

    @GET
    @Path("{id}")
    @Operation(summary = "One template")
    @APIResponse(responseCode = "200", description = "The template; its ETag is its version",
            headers = @Header(name = HttpHeaders.ETAG, description = "The template's version"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "404", description = "No such template, or someone else's personal template",
            content = @Content(mediaType = "application/problem+json"))
    Uni<Response> get(@PathParam("id") String id);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a template",
            description = "A personal template of the caller, or (sms-admin only) an organisation template. The "
                    + "placeholders are checked against the fields the category's records can fill.")
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "A missing or too long name, a missing category, an invalid "
            + "language, an empty or too long body, or a malformed, unknown or inapplicable placeholder (named in "
            + "the problem's placeholders)", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "A seller creating an organisation template",
            content = @Content(mediaType = "application/problem+json"))
    Uni<Response> create(TemplateRequest request);

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a template",
            description = "Replaces name, category, language and body (the scope stays). Send the ETag you read in "
                    + "If-Match so that someone else's change in between is not overwritten.")
    @APIResponse(responseCode = "200", description = "The changed template, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "As on create, or an attempt to change the scope",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "A seller changing an organisation template",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such template, or someone else's personal template",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "412", description = "If-Match names an older version, or another change won",
            content = @Content(mediaType = "application/problem+json"))
    Uni<Response> update(@PathParam("id") String id,
            @Parameter(description = "The ETag of the version the change is based on")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            TemplateRequest request);

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a template")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "A seller deleting an organisation template",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such template, or someone else's personal template",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = "application/problem+json"))
    Uni<Response> delete(@PathParam("id") String id,
            @Parameter(description = "The ETag of the version to delete")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch);

    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fill a template for a record",
            description = "The text as it would be sent from the caller to the record, its encoding and segments, "
                    + "and the placeholders that used their default or came out blank.")
    @APIResponse(responseCode = "200", description = "The filled text",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RenderedTemplate.class)))
    @APIResponse(responseCode = "400", description = "No record, an invalid business number, or a value for an "
            + "unknown placeholder, a null value or one over 1600 characters (field: values.<Name>)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "A business number the caller may not send from",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "A template or a record the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<RenderedTemplate> preview(@PathParam("id") String id, TemplatePreviewRequest request);

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fill an unsaved body for a record",
            description = "For a template being written: the body is checked as on save, then filled as a stored "
                    + "template would be.")
    @APIResponse(responseCode = "200", description = "The filled text",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RenderedTemplate.class)))
    @APIResponse(responseCode = "400", description = "A bad body (as on save), no record, an invalid business "
            + "number, or a value for an unknown placeholder, a null value or one over 1600 characters (field: "
            + "values.<Name>)", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "A business number the caller may not send from",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "A record the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<RenderedTemplate> previewBody(BodyPreviewRequest request);
}
