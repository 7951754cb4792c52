package io.smsconversations.conversation.template;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.events.RecordType;

/** Message templates (SPEC §5): personal ones for every seller, organisation ones managed by sms-admins. */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Templates", description = "Message templates with placeholders filled from the record and the sender")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class TemplateResource implements TemplateApi {

    private final Templates templates;
    private final TemplateRenderer renderer;
    private final Caller caller;

    TemplateResource(Templates templates, TemplateRenderer renderer, Caller caller) {
        this.templates = templates;
        this.renderer = renderer;
        this.caller = caller;
    }

    @Override
    public Uni<TemplateList> list(String category, String language) {
        RecordType type = category(category);
        String tag = language == null ? null : TemplateRules.language(language, "language");
        return templates.list(caller, type, tag)
                .map(found -> new TemplateList(found.stream().map(t -> TemplateView.of(t, caller)).toList()));
    }

    @Override
    public Uni<Response> get(String id) {
        return templates.find(caller, templateId(id))
                .onItem().ifNull().failWith(TemplateProblems::templateNotFound)
                .map(template -> withTag(Response.ok(TemplateView.of(template, caller)), template).build());
    }

    @Override
    public Uni<Response> create(TemplateRequest request) {
        return templates.create(caller, request)
                .map(template -> withTag(Response.created(URI.create("/api/templates/" + template.id))
                        .entity(TemplateView.of(template, caller)), template).build());
    }

    @Override
    public Uni<Response> update(String id, String ifMatch, TemplateRequest request) {
        return templates.update(caller, templateId(id), request, version(ifMatch))
                .map(template -> withTag(Response.ok(TemplateView.of(template, caller)), template).build());
    }

    @Override
    public Uni<Response> delete(String id, String ifMatch) {
        return templates.delete(caller, templateId(id), version(ifMatch))
                .replaceWith(() -> Response.noContent().build());
    }

    @Override
    public Uni<RenderedTemplate> preview(String id, TemplatePreviewRequest request) {
        RenderTarget target = request == null ? null : request.target();
        return renderer.render(templateId(id), target, caller);
    }

    @Override
    public Uni<RenderedTemplate> previewBody(BodyPreviewRequest request) {
        if (request == null) {
            throw TemplateProblems.badRequest("body-missing", "request", "A body and a record are required");
        }
        return renderer.renderBody(request.body(), request.category(), request.target(), caller);
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
