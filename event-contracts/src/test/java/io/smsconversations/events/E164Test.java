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
    void aRememberedAnswerBelongsToItsTextAndItsDefaultRegion() {
        // Answers are cached: the same digits read in another region, or written differently, are parsed anew.
        assertThat(E164.normalise("06 1234 5678", "IT")).contains("+390612345678");
        assertThat(E164.normalise("06 1234 5678", "FR")).contains("+33612345678");
        assertThat(E164.normalise("06 1234 5678", "IT")).contains("+390612345678");
        assertThat(E164.normalise(" 06 1234 5678 ", "FR")).contains("+33612345678");
        assertThat(E164.normalise("not a number", "IT")).isEmpty();
        assertThat(E164.normalise("not a number", "IT")).isEmpty();
        assertThat(E164.regionOf("+33612345678")).contains("FR");
        assertThat(E164.regionOf(null)).isEmpty();
    }

    @Test
    void regionAndMasking() {
        assertThat(E164.regionOf("+14255550100")).contains("US");
        // Not a valid NANP number (an exchange cannot start with 0), still a US reading for national numbers.
        assertThat(E164.regionOf("+14250123456")).contains("US");
        assertThat(E164.regionOf("+442079460958")).contains("GB");
    }

    @Test
    void maskingKeepsOnlyTheLastDigits() {
        assertThat(E164.masked("+14255550100")).isEqualTo("***0100");
        assertThat(E164.masked("+442071838750")).isEqualTo("***8750");
        // Shorter numbers keep fewer digits, so at least two thirds of any number stay hidden.
        assertThat(E164.masked("+3531234567")).isEqualTo("***4567");
        assertThat(E164.masked("+35312345")).isEqualTo("***345");
        assertThat(E164.masked("+12345")).isEqualTo("***45");
        assertThat(E164.masked("1234")).isEqualTo("***");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+14255550100", "+1 (425) 555-0100", "14255550100", "tel:+1-425-555-0100" })
    void aMaskedNumberShowsNeitherCountryNorAreaCodeNorExchange(String written) {
        String masked = E164.masked(written);
        assertThat(masked).isEqualTo("***0100");
        assertThat(masked).doesNotContain("425").doesNotContain("555").doesNotContain("+1");
    }

    @Test
    void whatIsNoNumberMasksToStars() {
        assertThat(E164.masked(null)).isEqualTo("***");
        assertThat(E164.masked("")).isEqualTo("***");
        assertThat(E164.masked("CONTOSO")).isEqualTo("***");
    }
}
