package io.smsconversations.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11 item 7: phone numbers are removed from provider texts in every spelling; codes and dates stay. */
class ProviderTextsTest {

    @Test
    void removesNumbersInEverySpellingProvidersUse() {
        assertThat(ProviderTexts.scrub("The 'To' number +14255550123 is not a valid phone number."))
                .isEqualTo("The 'To' number [number] is not a valid phone number.");
        assertThat(ProviderTexts.scrub("Invalid to address: 14255550123")).isEqualTo("Invalid to address: [number]");
        assertThat(ProviderTexts.scrub("destination (425) 555-0123 rejected")).isEqualTo("destination [number] rejected");
        assertThat(ProviderTexts.scrub("to 425-555-0123 or 425.555.0123 or 425 555 0123"))
                .isEqualTo("to [number] or [number] or [number]");
        assertThat(ProviderTexts.scrub("+44 7700 900123, +33 6 12 34 56 78")).isEqualTo("[number], [number]");
    }

    @Test
    void keepsCodesDatesAndTextWithoutNumbers() {
        assertThat(ProviderTexts.scrub("Attempt to send to unsubscribed recipient (21610)"))
                .isEqualTo("Attempt to send to unsubscribed recipient (21610)");
        assertThat(ProviderTexts.scrub("gave up after 4 attempt(s), the last: HTTP 503"))
                .isEqualTo("gave up after 4 attempt(s), the last: HTTP 503");
        assertThat(ProviderTexts.scrub("expired at 2026-12-01T10:00:00")).isEqualTo("expired at 2026-12-01T10:00:00");
        assertThat(ProviderTexts.scrub(null)).isNull();
        assertThat(ProviderTexts.scrub("")).isEmpty();
    }

    @Test
    void everyAttemptAndLookupScrubsWhatItCarries() {
        assertThat(new SendAttempt.Refused(io.smsconversations.events.FailureReason.InvalidSendingParameters,
                "21211", "The 'To' number +14255550123 is invalid").providerText())
                .isEqualTo("The 'To' number [number] is invalid");
        assertThat(SendAttempt.Transient.failing("503", "busy for 14255550123", null).providerText())
                .isEqualTo("busy for [number]");
        assertThat(new SendAttempt.Unknown(null, "no answer for +14255550123").providerText())
                .isEqualTo("no answer for [number]");
        assertThat(new SendLookup.Unanswered("no log for 14255550123", true).text()).isEqualTo("no log for [number]");
    }
}
