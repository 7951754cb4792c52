package io.smsconversations.conversation.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keyword table as application.properties configures it, and the configurations it refuses to start with. */
@Tag("fast")
class OptOutKeywordsTest {

    private static final Map<String, OptOutKeywords.Words> CONFIGURED = Map.of(
            "en", new OptOutKeywords.Words(List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
                    "OPTOUT", "OPT-OUT", "REMOVE", "TD"), List.of("START", "YES", "UNSTOP"), List.of("HELP", "INFO")),
            "fr-CA", new OptOutKeywords.Words(List.of("ARRET"), List.of(), List.of("AIDE")));

    private static final OptOutKeywords KEYWORDS = new OptOutKeywords("en", CONFIGURED);

    @ParameterizedTest
    @ValueSource(strings = { "STOP", "stop", "  Stop ", "STOPALL", "unsubscribe", "CANCEL", "end", "QUIT", "revoke",
            "OptOut", "opt-out", "Remove", "td", "ARRET", "arrêt", " Arrêt\n" })
    void eachOptOutKeywordOptsOut(String body) {
        assertThat(KEYWORDS.optsOut(body)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = { "START", " yes", "Unstop" })
    void eachOptInKeywordOptsBackIn(String body) {
        assertThat(KEYWORDS.optsOut(body)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = { "HELP", "info", "aide", "Aidé" })
    void helpChangesNothingButIsAKeyword(String body) {
        assertThat(KEYWORDS.optsOut(body)).isEmpty();
        assertThat(KEYWORDS.keyword(body)).get().extracting(Keyword::kind).isEqualTo(KeywordKind.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = { "please stop", "STOP!", "stop it", "", "Yes please", "opt out", "arrêtez" })
    void anythingElseIsAnOrdinaryMessage(String body) {
        assertThat(KEYWORDS.optsOut(body)).isEmpty();
        assertThat(KEYWORDS.keyword(body)).isEmpty();
    }

    @Test
    void aKeywordIsNamedInItsMatchingFormWithItsLocale() {
        assertThat(KEYWORDS.keyword("  Stop ")).contains(new Keyword("STOP", KeywordKind.OPT_OUT, "en"));
        assertThat(KEYWORDS.keyword("arrêt")).contains(new Keyword("ARRET", KeywordKind.OPT_OUT, "fr-CA"));
        assertThat(KEYWORDS.keyword("aide")).contains(new Keyword("AIDE", KeywordKind.HELP, "fr-CA"));
        assertThat(KEYWORDS.keyword(null)).isEmpty();
    }

    @Test
    void theOptInWordsAreTheOnesThatOptIn() {
        assertThat(KEYWORDS.optInWords()).isEqualTo("START, YES or UNSTOP");
        for (String word : KEYWORDS.optInWords().split(", | or ")) {
            assertThat(KEYWORDS.optsOut(word)).as(word).contains(false);
        }
    }

    @Test
    void aWordListedTwiceStopsTheStartNamingIt() {
        Map<String, OptOutKeywords.Words> twice = Map.of(
                "en", new OptOutKeywords.Words(List.of("STOP"), List.of("START"), List.of()),
                "fr-CA", new OptOutKeywords.Words(List.of("ARRET"), List.of("Stop"), List.of()));
        assertThatThrownBy(() -> new OptOutKeywords("en", twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STOP is listed twice").hasMessageContaining("fr-CA");
    }

    @Test
    void blankOrSeveralWordsOrTooLongAWordStopTheStart() {
        assertThatThrownBy(() -> new OptOutKeywords("en", Map.of("en",
                new OptOutKeywords.Words(List.of("STOP", " "), List.of(), List.of()))))
                .hasMessageContaining("conversation.keywords.locales.en.opt-out").hasMessageContaining("not one word");
        assertThatThrownBy(() -> new OptOutKeywords("en", Map.of("en",
                new OptOutKeywords.Words(List.of("STOP"), List.of("OPT IN"), List.of()))))
                .hasMessageContaining("opt-in").hasMessageContaining("\"OPT IN\" is not one word");
        assertThatThrownBy(() -> new OptOutKeywords("en", Map.of("en",
                new OptOutKeywords.Words(List.of("STOP", "UNSUBSCRIBEMENOW!"), List.of(), List.of()))))
                .hasMessageContaining("UNSUBSCRIBEMENOW! is longer than 16");
    }

    @Test
    void noOptOutWordOrAnUnknownDefaultLocaleStopsTheStart() {
        assertThatThrownBy(() -> new OptOutKeywords("en", Map.of("en",
                new OptOutKeywords.Words(List.of(), List.of("START"), List.of("HELP")))))
                .hasMessageContaining("no opt-out keyword");
        assertThatThrownBy(() -> new OptOutKeywords("de", CONFIGURED))
                .hasMessageContaining("conversation.keywords.default-locale de has no keyword lists");
    }
}
