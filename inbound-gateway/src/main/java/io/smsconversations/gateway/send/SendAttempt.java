package io.smsconversations.gateway.send;

import java.time.Duration;

import io.smsconversations.events.FailureReason;

/**
 * What one call to a provider's send API came to. Provider texts are scrubbed of phone numbers here, once, so no
 * ledger row, event or log line built from an attempt can quote one.
 */
public sealed interface SendAttempt {

    /** The provider took the message and named it. */
    record Accepted(String providerMessageId) implements SendAttempt {
    }

    /** The provider refused it for good (4xx other than 429, or a refusal in a 2xx body): no retry helps. */
    record Refused(FailureReason reason, String providerCode, String providerText) implements SendAttempt {

        public Refused {
            providerCode = ProviderTexts.scrub(providerCode);
            providerText = ProviderTexts.scrub(providerText);
        }
    }

    /**
     * The provider did not take it, and said so, or could not be reached at all (429, 5xx, connection refused, a
     * provider status that says "later"): another call cannot send it twice.
     *
     * @param retryAfter     what the provider asked us to wait, or null
     * @param providerTrouble the provider itself is failing (5xx, unreachable), as opposed to throttling us: what the
     *                        circuit breaker counts
     */
    record Transient(String providerCode, String providerText, Duration retryAfter, boolean providerTrouble)
            implements SendAttempt {

        public Transient {
            providerCode = ProviderTexts.scrub(providerCode);
            providerText = ProviderTexts.scrub(providerText);
        }

        /** The provider is throttling us (429 and its like): not a fault of the provider. */
        public static Transient throttled(String providerCode, String providerText, Duration retryAfter) {
            return new Transient(providerCode, providerText, retryAfter, false);
        }

        /** The provider is failing or cannot be reached. */
        public static Transient failing(String providerCode, String providerText, Duration retryAfter) {
            return new Transient(providerCode, providerText, retryAfter, true);
        }
    }

    /**
     * The request may have reached the provider, but no answer came back (a read timeout, the connection lost
     * mid-call, a proxy's 502/504): calling again could send the message twice, so the outcome is looked up first.
     */
    record Unknown(String providerCode, String providerText) implements SendAttempt {

        public Unknown {
            providerCode = ProviderTexts.scrub(providerCode);
            providerText = ProviderTexts.scrub(providerText);
        }
    }
}
