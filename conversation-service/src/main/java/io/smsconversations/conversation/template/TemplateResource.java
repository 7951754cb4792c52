package io.smsconversations.conversation.template;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.events.RecordType;

/** Message templates (SPEC §5): personal ones for every seller, organisation ones managed by sms-admins. */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Templates", description = "Message templates with placeholders filled from the record and the sender")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class TemplateResource {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Templates templates;

    @Inject
    TemplateRenderer renderer;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "The templates I may use",
            description = "My personal templates and the organisation's, by name. A language also finds its "
                    + "sub-tags: en finds en, en-US and en-GB.")
    @APIResponse(responseCode = "200", description = "The templates, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateList.class)))
    @APIResponse(responseCode = "400", description = "An unknown category or an invalid language tag",
            content = @Content(mediaType = PROBLEM))
    public Uni<TemplateList> list(
            @Parameter(description = "Only templates for this record type: CONTACT, ACCOUNT, OPPORTUNITY or LEAD")
            @QueryParam("category") String category,
            @Parameter(description = "Only templates in this language (BCP 47 tag)")
            @QueryParam("language") String language) {
        RecordType type = category(category);
        String tag = language == null ? null : TemplateRules.language(language, "language");
        Caller caller = caller();
        return templates.list(caller, type, tag)
                .map(found -> new TemplateList(found.stream().map(t -> TemplateView.of(t, caller)).toList()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One template")
    @APIResponse(responseCode = "200", description = "The template; its ETag is its version",
            headers = @Header(name = HttpHeaders.ETAG, description = "The template's version"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "404", description = "No such template, or someone else's personal template",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> get(@PathParam("id") String id) {
        Caller caller = caller();
        return templates.find(caller, templateId(id))
                .onItem().ifNull().failWith(TemplateProblems::templateNotFound)
                .map(template -> withTag(Response.ok(TemplateView.of(template, caller)), template).build());
    }

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
            + "the problem's placeholders)", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A seller creating an organisation template",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> create(TemplateRequest request) {
        Caller caller = caller();
        return templates.create(caller, request)
                .map(template -> withTag(Response.created(URI.create("/api/templates/" + template.id))
                        .entity(TemplateView.of(template, caller)), template).build());
    }

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
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A seller changing an organisation template",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such template, or someone else's personal template",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "412", description = "If-Match names an older version, or another change won",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> update(@PathParam("id") String id,
            @Parameter(description = "The ETag of the version the change is based on")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            TemplateRequest request) {
        Caller caller = caller();
        return templates.update(caller, templateId(id), request, version(ifMatch))
                .map(template -> withTag(Response.ok(TemplateView.of(template, caller)), template).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a template")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "A seller deleting an organisation template",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such template, or someone else's personal template",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> delete(@PathParam("id") String id,
            @Parameter(description = "The ETag of the version to delete")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return templates.delete(caller(), templateId(id), version(ifMatch))
                .replaceWith(() -> Response.noContent().build());
    }

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
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A business number the caller may not send from",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "A template or a record the caller may not see",
            content = @Content(mediaType = PROBLEM))
    public Uni<RenderedTemplate> preview(@PathParam("id") String id, TemplatePreviewRequest request) {
        RenderTarget target = request == null ? null : request.target();
        return renderer.render(templateId(id), target, caller());
    }

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
            + "values.<Name>)", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A business number the caller may not send from",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "A record the caller may not see",
            content = @Content(mediaType = PROBLEM))
    public Uni<RenderedTemplate> previewBody(BodyPreviewRequest request) {
        if (request == null) {
            throw TemplateProblems.badRequest("body-missing", "request", "A body and a record are required");
        }
        return renderer.renderBody(request.body(), request.category(), request.target(), caller());
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }

    private static Response.ResponseBuilder withTag(Response.ResponseBuilder response, Template template) {
        return response.tag(new EntityTag(Long.toString(template.version)));
    }

    /** An id that is not a UUID names no template: 404, like any other unknown id. */
    private static UUID templateId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw TemplateProblems.templateNotFound();
        }
    }

    private static RecordType category(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return RecordType.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TemplateProblems.badRequest("category-invalid", "category",
                    "'" + raw + "' is not a record type: CONTACT, ACCOUNT, OPPORTUNITY or LEAD");
        }
    }

    /**
     * The version If-Match names: null for none or {@code *}; a tag that is no version of ours can never match,
     * so it fails the check like a stale one.
     */
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
