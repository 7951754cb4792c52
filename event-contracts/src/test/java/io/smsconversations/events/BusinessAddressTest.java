package io.smsconversations.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smsconversations.events.BusinessAddress.Kind;

@Tag("fast")
class BusinessAddressTest {

    @Test
    void aPhoneNumberIsKeyedByItsE164Form() {
        BusinessAddress address = BusinessAddress.parse("+1 (425) 555-0100", null, null).orElseThrow();
        assertThat(address).isEqualTo(new BusinessAddress(Kind.PHONE_NUMBER, "+14255550100", "US", "+14255550100"));
        assertThat(BusinessAddress.parse("(425) 555-0100", null, "US")).contains(address);
        assertThat(BusinessAddress.parse("14255550100", null, null)).contains(address);
        assertThat(address.receivesReplies()).isTrue();
        assertThat(address.fits(BusinessNumberType.LONG_CODE)).isTrue();
        assertThat(address.fits(BusinessNumberType.TOLL_FREE)).isTrue();
        assertThat(address.fits(BusinessNumberType.SHORT_CODE)).isFalse();
    }

    @Test
    void bareDigitsBesideACountryAreThatCountrysShortCode() {
        BusinessAddress us = BusinessAddress.parse("12345", "US", null).orElseThrow();
        assertThat(us).isEqualTo(new BusinessAddress(Kind.SHORT_CODE, "US:12345", "US", "12345"));
        assertThat(BusinessAddress.parse("12345", "ca", null).orElseThrow().key()).isEqualTo("CA:12345");
        assertThat(BusinessAddress.ofKey("US:12345")).contains(us);
        assertThat(BusinessAddress.parse("12345", "GB", null)).isNotEqualTo(BusinessAddress.parse("12345", "US", null));
        assertThat(us.receivesReplies()).isTrue();
        assertThat(us.fits(BusinessNumberType.SHORT_CODE)).isTrue();
        assertThat(us.fits(BusinessNumberType.LONG_CODE)).isFalse();
        assertThat(us.logged()).isEqualTo("US:12345");
    }

    @ParameterizedTest
    @ValueSource(strings = { "123", "12345678" })
    void shortCodesAreThreeToEightDigits(String code) {
        assertThat(BusinessAddress.parse(code, "FR", null).map(BusinessAddress::kind)).contains(Kind.SHORT_CODE);
    }

    @Test
    void aShortCodeNeedsAKnownCountryAndIsNoEmergencyNumber() {
        // Without a country, bare digits are read as a phone number, and 12345 is none.
        assertThat(BusinessAddress.parse("12345", null, null)).isEmpty();
        assertThat(BusinessAddress.parse("12345", "XX", null)).isEmpty();
        assertThat(BusinessAddress.ofKey("XX:12345")).isEmpty();
        assertThat(BusinessAddress.parse("911", "US", null)).isEmpty();
        assertThat(BusinessAddress.parse("112", "DE", null)).isEmpty();
        assertThat(BusinessAddress.ofKey("US:12")).isEmpty();
        assertThat(BusinessAddress.ofKey("US:123456789")).isEmpty();
        assertThat(BusinessAddress.ofKey("us:12345")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Contoso", "A", "Contoso Ltd", "Shop 24", "ABCDEFGHIJK" })
    void alphanumericSenderIds(String id) {
        BusinessAddress address = BusinessAddress.ofKey(id).orElseThrow();
        assertThat(address).isEqualTo(new BusinessAddress(Kind.ALPHANUMERIC, id, null, id));
        assertThat(address.receivesReplies()).isFalse();
        assertThat(address.fits(BusinessNumberType.ALPHANUMERIC)).isTrue();
        assertThat(address.fits(BusinessNumberType.SHORT_CODE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ABCDEFGHIJKL", "Contoso-Ltd", "Café", "Shop&Co", "Contoso!", "", "  " })
    void whatIsNoBusinessAddressIsRefused(String text) {
        assertThat(BusinessAddress.parse(text, "US", "US")).isEmpty();
    }

    @Test
    void digitsOnlyAreNeverAnAlphanumericSender() {
        assertThat(BusinessAddress.parse("12", "US", null)).isEmpty();
        assertThat(BusinessAddress.parse("1234567890123", null, null).map(BusinessAddress::kind))
                .isNotEqualTo(java.util.Optional.of(Kind.ALPHANUMERIC));
    }

    @Test
    void aKeyIsOnlyItsCanonicalForm() {
        assertThat(BusinessAddress.ofKey("+14255550100")).isPresent();
        assertThat(BusinessAddress.ofKey("+1 425 555 0100")).isEmpty();
        assertThat(BusinessAddress.ofKey(" Contoso")).isEmpty();
        assertThat(BusinessAddress.ofKey(null)).isEmpty();
    }
}
