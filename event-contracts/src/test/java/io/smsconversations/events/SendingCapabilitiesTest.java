package io.smsconversations.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class SendingCapabilitiesTest {

    private static final BusinessAddress LONG_CODE = BusinessAddress.ofKey("+14255550100").orElseThrow();
    private static final BusinessAddress US_SHORT_CODE = BusinessAddress.ofKey("US:12345").orElseThrow();
    private static final BusinessAddress ALPHA = BusinessAddress.ofKey("Contoso").orElseThrow();
    private static final String US = "+14255550123";
    private static final String UK = "+447700900123";

    @ParameterizedTest
    @ValueSource(strings = { "twilio", "acs", "vonage", "infobip", "telesign", "linkmobility" })
    void everyProviderSendsFromAPhoneNumber(String provider) {
        assertThat(SendingCapabilities.refusal(provider, LONG_CODE, US)).isEmpty();
        assertThat(SendingCapabilities.refusal(provider, ALPHA, UK)).isEmpty();
    }

    @Test
    void aProviderWithoutShortCodesRefusesOne() {
        assertThat(SendingCapabilities.refusal("twilio", US_SHORT_CODE, US)).isEmpty();
        assertThat(SendingCapabilities.refusal("telesign", US_SHORT_CODE, US))
                .contains("telesign cannot send from a short code");
        assertThat(SendingCapabilities.unusable("nobody", LONG_CODE)).contains("nobody cannot send from a phone number");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+14255550123", "+16135550123", "+17875550123" })
    void anAlphanumericSenderCannotReachNorthAmerica(String to) {
        assertThat(SendingCapabilities.refusal("twilio", ALPHA, to)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("an alphanumeric sender id cannot send to a number in "));
        // Not a property of the sender: the same id is usable, and is to the UK.
        assertThat(SendingCapabilities.unusable("twilio", ALPHA)).isEmpty();
    }

    @Test
    void aShortCodeStaysInItsCountry() {
        assertThat(SendingCapabilities.refusal("twilio", US_SHORT_CODE, UK))
                .contains("the short code US:12345 reaches numbers in US only, not in GB");
        BusinessAddress canadian = BusinessAddress.ofKey("CA:12345").orElseThrow();
        assertThat(SendingCapabilities.refusal("twilio", canadian, "+16135550123")).isEmpty();
        assertThat(SendingCapabilities.refusal("twilio", canadian, US)).isPresent();
    }

    @Test
    void vonageTakesNoSpacesInASenderId() {
        BusinessAddress spaced = BusinessAddress.ofKey("Contoso Ltd").orElseThrow();
        assertThat(SendingCapabilities.unusable("vonage", spaced))
                .contains("vonage does not accept spaces in an alphanumeric sender id");
        assertThat(SendingCapabilities.unusable("twilio", spaced)).isEmpty();
    }
}
