package io.smsconversations.restproblems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class StandardTitlesTest {

    @Test
    void eachStatusHasItsStandardPhrase() {
        assertThat(StandardTitles.of(404)).isEqualTo("Not Found");
        assertThat(StandardTitles.of(413)).isEqualTo("Request Entity Too Large");
        assertThat(StandardTitles.of(422)).isEqualTo("Unprocessable Entity");
        assertThat(StandardTitles.of(507)).isEqualTo("Insufficient Storage");
    }

    @Test
    void aCodeNoTableKnowsIsNamedAfterItsClass() {
        assertThat(StandardTitles.of(499)).isEqualTo("Client Error");
    }
}
