package io.smsconversations.conversation.optout;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether the conversation's customer number may be texted from its business number. */
@Schema(name = "OptOutState")
public record OptOutState(
        @Schema(description = "true: the customer texted an opt-out keyword; nothing may be sent to them") boolean optedOut,
        @Schema(nullable = true, description = "When the customer last opted out or in; null if never") Instant changedAt) {

    static final OptOutState NEVER = new OptOutState(false, null);
}
