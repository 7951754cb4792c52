package io.smsconversations.conversation.optout;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smsconversations.events.E164;

/**
 * Builds the keyword table and the reply texts from {@link KeywordConfig} once; both refuse an ambiguous or
 * incomplete configuration, so a mistake stops the start with the key named instead of answering customers wrongly.
 */
@ApplicationScoped
public class KeywordSetup {

    @Produces
    @ApplicationScoped
    OptOutKeywords keywords(KeywordConfig config) {
        Map<String, OptOutKeywords.Words> words = config.locales().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new OptOutKeywords.Words(
                        entry.getValue().optOut().orElse(List.of()), entry.getValue().optIn().orElse(List.of()),
                        entry.getValue().help().orElse(List.of()))));
        return new OptOutKeywords(config.defaultLocale(), words);
    }

    @Produces
    @ApplicationScoped
    ReplyTexts replyTexts(KeywordConfig config) {
        Map<String, ReplyTexts.Texts> byLocale = config.locales().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new ReplyTexts.Texts(
                        entry.getValue().replies().optOut(), entry.getValue().replies().optIn(),
                        entry.getValue().replies().help())));
        Map<String, ReplyTexts.Texts> byNumber = config.numbers().entrySet().stream()
                .collect(Collectors.toMap(entry -> e164(entry.getKey()), entry -> new ReplyTexts.Texts(
                        entry.getValue().optOut().orElse(null), entry.getValue().optIn().orElse(null),
                        entry.getValue().help().orElse(null))));
        return new ReplyTexts(byLocale, byNumber);
    }

    /** The key as stored numbers are: E.164; anything else could never match and is refused. */
    private static String e164(String number) {
        return E164.normalise(number).filter(number::equals).orElseThrow(() -> new IllegalArgumentException(
                "conversation.keywords.numbers: \"" + number + "\" is not a business number in E.164"));
    }
}
