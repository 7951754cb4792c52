package io.smsconversations.conversation.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which text answers a keyword, and the texts the service refuses to start with. */
@Tag("fast")
class ReplyTextsTest {

    private static final ReplyTexts.Texts EN = new ReplyTexts.Texts("Unsubscribed.", "Subscribed.", "Help.");
    private static final ReplyTexts.Texts FR = new ReplyTexts.Texts("Désabonné.", "Abonné.", "Aide.");

    @Test
    void aNumbersOwnTextWinsForItsKindTheLocalesOtherwise() {
        ReplyTexts texts = new ReplyTexts(Map.of("en", EN, "fr-CA", FR),
                Map.of("+15145550100", new ReplyTexts.Texts(null, null, "Acme sales, 9-5. STOP to end.")));

        Keyword help = new Keyword("HELP", KeywordKind.HELP, "en");
        Keyword stop = new Keyword("STOP", KeywordKind.OPT_OUT, "en");
        Keyword arret = new Keyword("ARRET", KeywordKind.OPT_OUT, "fr-CA");
        assertThat(texts.answer(help, "+15145550100")).contains("Acme sales, 9-5. STOP to end.");
        assertThat(texts.answer(stop, "+15145550100")).contains("Unsubscribed.");
        assertThat(texts.answer(arret, "+15145550100")).contains("Désabonné.");
        assertThat(texts.answer(help, "+14255550100")).contains("Help.");
        assertThat(texts.answer(new Keyword("HALT", KeywordKind.OPT_OUT, "de"), "+14255550100")).isEmpty();
    }

    @Test
    void aMissingBlankOrOverlongTextStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> new ReplyTexts(Map.of("en", new ReplyTexts.Texts("x", null, "y")), Map.of()))
                .hasMessage("conversation.keywords.locales.en.replies.opt-in is missing");
        assertThatThrownBy(() -> new ReplyTexts(Map.of("en", EN),
                Map.of("+15145550100", new ReplyTexts.Texts(" ", null, null))))
                .hasMessage("conversation.keywords.numbers.\"+15145550100\".opt-out is blank");
        assertThatThrownBy(() -> new ReplyTexts(Map.of("en", new ReplyTexts.Texts("x", "y", "z".repeat(1601))),
                Map.of()))
                .hasMessageStartingWith("conversation.keywords.locales.en.replies.help is longer than 1600");
    }
}
