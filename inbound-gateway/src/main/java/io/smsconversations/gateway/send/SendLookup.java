package io.smsconversations.gateway.send;

import java.util.List;

/** What asking a provider "do you have this message?" came to, after a call whose outcome is unknown. */
public sealed interface SendLookup {

    /**
     * The provider has messages that match the request (oldest first). More than one can match when the match is by
     * content (Twilio); the caller drops those the ledger already knows under another request.
     */
    record Found(List<String> providerMessageIds) implements SendLookup {

        public Found {
            providerMessageIds = List.copyOf(providerMessageIds);
        }
    }

    /** The provider answered and has no such message: sending it now cannot send it twice. */
    record NotFound() implements SendLookup {
    }

    /**
     * No answer to rely on (timeout, 5xx, refused lookup), so still unknown.
     *
     * @param retryable false when asking again cannot help (the provider offers no lookup)
     */
    record Unanswered(String text, boolean retryable) implements SendLookup {

        public Unanswered {
            text = ProviderTexts.scrub(text);
        }
    }
}
