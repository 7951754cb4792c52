package io.smsconversations.conversation.template;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.RecordType;

/** A template as the app creates or replaces it. */
@Schema(name = "TemplateRequest")
public record TemplateRequest(
        @Schema(description = "Shown in the template picker; 1 to 100 characters", required = true) String name,
        @Schema(description = "The record type the template is written for", required = true) RecordType category,
        @Schema(description = "BCP 47 language tag, e.g. en, en-US, fr-CA", required = true) String language,
        @Schema(description = "The text, 1 to 1600 characters, with placeholders {{Name}} or {{Name|default}}",
                required = true) String body,
        @Schema(description = "PERSONAL (the default on create) or ORGANISATION (sms-admin only); it cannot change "
                + "on update") TemplateScope scope) {
}
