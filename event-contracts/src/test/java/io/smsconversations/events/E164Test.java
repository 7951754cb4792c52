package io.smsconversations.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class E164Test {

    @ParameterizedTest
    @ValueSource(strings = { "+1 (425) 555-0100", "14255550100", "+14255550100", " +1-425-555-0100 " })
    void oneNumberWrittenManyWaysIsOneNumber(String written) {
        assertThat(E164.normalise(written)).contains("+14255550100");
    }

    @Test
    void aNationalNumberTakesTheDefaultRegion() {
        assertThat(E164.normalise("(425) 555-0100", "US")).contains("+14255550100");
        assertThat(E164.normalise("06 1234 5678", "IT")).contains("+390612345678");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "hello", "+1", "12", "+999 123" })
    void whatIsNoPhoneNumberIsRefused(String written) {
        assertThat(E164.normalise(written)).isEmpty();
    }

    @Test
    void regionAndMasking() {
        assertThat(E164.regionOf("+14255550100")).contains("US");
        // Not a valid NANP number (an exchange cannot start with 0), still a US reading for national numbers.
        assertThat(E164.regionOf("+14250123456")).contains("US");
        assertThat(E164.regionOf("+442079460958")).contains("GB");
        assertThat(E164.masked("+14255550100")).isEqualTo("+1425***0100");
    }
}
