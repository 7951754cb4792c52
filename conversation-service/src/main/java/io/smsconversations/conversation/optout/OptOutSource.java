package io.smsconversations.conversation.optout;

import io.smsconversations.conversation.outbox.ConversationOutbox;

/**
 * What changed a pair's opt-out state (SPEC §6): a keyword the customer texted, or a provider reporting that the
 * recipient opted out. Kept with the state, so a refused send and the pane say which it was.
 *
 * @param cause        {@code KEYWORD} or {@code PROVIDER_REPORT}, as in {@code ConversationOptOutChanged.cause}
 * @param keyword      the keyword as the customer meant it (e.g. {@code STOP}); keywords only
 * @param provider     the provider that reported it ({@code twilio}, ...); reports only
 * @param providerCode the provider's own code for it (Twilio {@code 21610}), when it gave one; reports only
 */
public record OptOutSource(String cause, String keyword, String provider, String providerCode) {

    public static OptOutSource keyword(String keyword) {
        return new OptOutSource(ConversationOutbox.CAUSE_KEYWORD, keyword, null, null);
    }

    public static OptOutSource providerReport(String provider, String providerCode) {
        return new OptOutSource(ConversationOutbox.CAUSE_PROVIDER_REPORT, null, provider, providerCode);
    }

    public boolean isProviderReport() {
        return ConversationOutbox.CAUSE_PROVIDER_REPORT.equals(cause);
    }
}
