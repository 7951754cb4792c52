package io.smsconversations.conversation.optout;

import java.util.Map;
import java.util.Optional;

import io.smsconversations.conversation.encoding.SegmentCalculator;

/**
 * The automatic answers to keywords (issue 14 item 3): a business number's own text for the kind when it has one,
 * else the default of the keyword's locale. Checked once at start: a blank text or one longer than a message may be
 * stops the service with the key named.
 */
public final class ReplyTexts {

    /** As for a seller's message (SendProblems.MAX_BODY). */
    static final int MAX_TEXT = 1600;

    /** One set of texts; null where a business number keeps the locale's. */
    public record Texts(String optOut, String optIn, String help) {

        String of(KeywordKind kind) {
            return switch (kind) {
                case OPT_OUT -> optOut;
                case OPT_IN -> optIn;
                case HELP -> help;
            };
        }
    }

    private final Map<String, Texts> byLocale;
    private final Map<String, Texts> byNumber;

    public ReplyTexts(Map<String, Texts> byLocale, Map<String, Texts> byNumber) {
        byLocale.forEach((locale, texts) -> {
            for (KeywordKind kind : KeywordKind.values()) {
                check("conversation.keywords.locales." + locale + ".replies", kind, texts.of(kind), false);
            }
        });
        byNumber.forEach((number, texts) -> {
            for (KeywordKind kind : KeywordKind.values()) {
                check("conversation.keywords.numbers.\"" + number + "\"", kind, texts.of(kind), true);
            }
        });
        this.byLocale = Map.copyOf(byLocale);
        this.byNumber = Map.copyOf(byNumber);
    }

    private static void check(String key, KeywordKind kind, String text, boolean optional) {
        String name = key + "." + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (text == null) {
            if (!optional) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return;
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_TEXT + " characters ("
                    + SegmentCalculator.preview(text).segments() + " segments)");
        }
    }

    /** The text that answers {@code keyword} texted to {@code businessNumber}; empty when its locale has none. */
    public Optional<String> answer(Keyword keyword, String businessNumber) {
        Texts own = byNumber.get(businessNumber);
        if (own != null && own.of(keyword.kind()) != null) {
            return Optional.of(own.of(keyword.kind()));
        }
        return Optional.ofNullable(byLocale.get(keyword.locale())).map(texts -> texts.of(keyword.kind()));
    }
}
