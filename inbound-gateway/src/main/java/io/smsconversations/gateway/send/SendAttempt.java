package io.smsconversations.gateway.send;

import java.time.Duration;

import io.smsconversations.events.FailureReason;

/** What one call to a provider's send API came to. */
public sealed interface SendAttempt {

    /** The provider took the message and named it. */
    record Accepted(String providerMessageId) implements SendAttempt {
    }

    /** The provider refused it for good (4xx other than 429, or a refusal in a 2xx body): no retry helps. */
    record Refused(FailureReason reason, String providerCode, String providerText) implements SendAttempt {
    }

    /**
     * Worth another try: 429, 5xx, a timeout, no connection, or a provider status that says "later".
     *
     * @param retryAfter what the provider asked us to wait, or null
     */
    record Transient(String providerCode, String providerText, Duration retryAfter) implements SendAttempt {
    }
}
