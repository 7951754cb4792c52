package io.smsconversations.conversation.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.access.Caller;
import io.smsconversations.events.RecordType;

/** A template as the API shows it. */
@Schema(name = "Template")
public record TemplateView(
        UUID id,
        String name,
        RecordType category,
        @Schema(description = "Canonical BCP 47 tag") String language,
        String body,
        TemplateScope scope,
        @Schema(description = "The seller a personal template belongs to; null for an organisation template")
        String ownerId,
        @Schema(description = "The placeholders the body uses, each once, in order") List<String> placeholders,
        @Schema(description = "Whether the caller may change or delete it") boolean editable,
        @Schema(description = "Bumped by every update; also the ETag. Send it back in If-Match to update safely")
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static TemplateView of(Template template, Caller caller) {
        return new TemplateView(template.id, template.name, template.category, template.language, template.body,
                template.scope, template.ownerSellerId, TemplateBody.parse(template.body).placeholderNames(),
                TemplatePermissions.mayEdit(template, caller), template.version, template.createdAt,
                template.updatedAt);
    }
}
