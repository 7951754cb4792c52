package io.smsconversations.conversation.send;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;

/**
 * What the conversation pane sends: a typed body, or a template and the values of its placeholders.
 *
 * @param body       the text; required unless {@code templateId} is given
 * @param templateId a template to fill instead of a typed body
 * @param values     values for the template's placeholders, overriding those read from the record and the sender
 * @param whenAllowed outside quiet hours, schedule the send for the window's start instead of refusing it
 */
@Schema(name = "SendRequest")
public record SendRequest(
        @Schema(nullable = true, description = "The text, 1 to " + SendProblems.MAX_BODY + " characters; none with a "
                + "templateId", example = ApiExamples.MESSAGE_BODY)
        String body,
        @Schema(nullable = true, description = "Send this template, filled for the conversation's record, its "
                + "business number and the sender, instead of a typed body")
        String templateId,
        @Schema(nullable = true, description = "Placeholder values for the template") Map<String, String> values,
        @Schema(nullable = true, description = "Outside the recipient's quiet-hours window: true keeps the message "
                + "for the window's start (202 with the scheduled send) instead of refusing it (409 quiet-hours)")
        Boolean whenAllowed) {
}
