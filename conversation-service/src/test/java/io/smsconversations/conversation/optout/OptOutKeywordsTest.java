package io.smsconversations.conversation.optout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = { "STOP", "stop", "  Stop ", "STOPALL", "unsubscribe", "CANCEL", "end", "QUIT", "revoke",
            "OptOut" })
    void eachOptOutKeywordOptsOut(String body) {
        assertThat(OptOutKeywords.optsOut(body)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = { "START", " yes", "Unstop" })
    void eachOptInKeywordOptsBackIn(String body) {
        assertThat(OptOutKeywords.optsOut(body)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = { "HELP", "info", "please stop", "STOP!", "stop it", "", "Yes please" })
    void anythingElseIsAnOrdinaryMessage(String body) {
        assertThat(OptOutKeywords.optsOut(body)).isEmpty();
        assertThat(OptOutKeywords.keyword(body)).isEmpty();
    }

    @Test
    void aKeywordIsNamedInCapitalsAndTheOptInWordsAreTheOnesThatOptIn() {
        assertThat(OptOutKeywords.keyword("  Stop ")).contains("STOP");
        assertThat(OptOutKeywords.keyword("unstop")).contains("UNSTOP");
        assertThat(OptOutKeywords.OPT_IN_WORDS).isEqualTo("START, YES or UNSTOP");
        for (String word : OptOutKeywords.OPT_IN_WORDS.split(", | or ")) {
            assertThat(OptOutKeywords.optsOut(word)).as(word).contains(false);
        }
    }
}
