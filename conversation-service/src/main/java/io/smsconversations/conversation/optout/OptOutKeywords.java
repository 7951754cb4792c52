package io.smsconversations.conversation.optout;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The carrier keywords (SPEC §6, issue 14 item 3), per locale: a reply that is exactly one of them (any case, accents
 * and surrounding spaces ignored, so "arrêt" is {@code ARRET}) opts the customer out of, or back in to, the business
 * number it was sent to, or asks for help. Anything else is an ordinary message.
 * <p>
 * Built once from configuration ({@link KeywordSetup}) and refused at start when it is ambiguous: a word in two lists
 * (two locales, or two kinds) would make the same reply mean two things, so the service does not start.
 */
public final class OptOutKeywords {

    /** {@code opt_out.keyword} is VARCHAR(16) (V10). */
    static final int MAX_WORD = 16;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** One locale's words. */
    public record Words(List<String> optOut, List<String> optIn, List<String> help) {

        public Words {
            optOut = optOut == null ? List.of() : List.copyOf(optOut);
            optIn = optIn == null ? List.of() : List.copyOf(optIn);
            help = help == null ? List.of() : List.copyOf(help);
        }
    }

    private final Map<String, Keyword> byWord;
    private final String optInWords;

    /**
     * @param defaultLocale the locale whose opt-in words come first where a refusal names them
     * @param locales       the words per locale (BCP 47 tag)
     * @throws IllegalArgumentException naming the offending word or locale: a blank word, a word of several, one over
     *                                  16 characters, or one listed twice
     */
    public OptOutKeywords(String defaultLocale, Map<String, Words> locales) {
        if (!locales.containsKey(defaultLocale)) {
            throw new IllegalArgumentException("conversation.keywords.default-locale " + defaultLocale
                    + " has no keyword lists (conversation.keywords.locales." + defaultLocale + ".*)");
        }
        Map<String, Keyword> words = new LinkedHashMap<>();
        List<String> optIn = new ArrayList<>();
        List<String> order = new ArrayList<>(locales.keySet());
        order.remove(defaultLocale);
        order.add(0, defaultLocale);
        for (String locale : order) {
            Words list = locales.get(locale);
            add(words, locale, KeywordKind.OPT_OUT, list.optOut());
            add(words, locale, KeywordKind.OPT_IN, list.optIn());
            add(words, locale, KeywordKind.HELP, list.help());
            list.optIn().forEach(word -> optIn.add(normalise(word)));
        }
        if (words.values().stream().noneMatch(Keyword::optsOut)) {
            throw new IllegalArgumentException("conversation.keywords: no opt-out keyword is configured; carriers "
                    + "require at least STOP");
        }
        this.byWord = Map.copyOf(words);
        this.optInWords = optIn.size() <= 1 ? String.join("", optIn)
                : String.join(", ", optIn.subList(0, optIn.size() - 1)) + " or " + optIn.get(optIn.size() - 1);
    }

    private static void add(Map<String, Keyword> words, String locale, KeywordKind kind, List<String> list) {
        for (String configured : list) {
            String word = normalise(configured);
            if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("conversation.keywords.locales." + locale + "."
                        + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ": \"" + configured
                        + "\" is not one word");
            }
            if (word.length() > MAX_WORD) {
                throw new IllegalArgumentException("conversation.keywords.locales." + locale + ": " + word
                        + " is longer than " + MAX_WORD + " characters");
            }
            Keyword earlier = words.putIfAbsent(word, new Keyword(word, kind, locale));
            if (earlier != null) {
                throw new IllegalArgumentException("conversation.keywords: " + word + " is listed twice (" + kind
                        + " in " + locale + ", and " + earlier.kind() + " in " + earlier.locale()
                        + "): a reply must mean one thing");
            }
        }
    }

    /** The keyword {@code body} is, or empty for an ordinary message (" stop " is {@code STOP}, "Arrêt" ARRET). */
    public Optional<Keyword> keyword(String body) {
        return body == null ? Optional.empty() : Optional.ofNullable(byWord.get(normalise(body)));
    }

    /** {@code true} = opts out, {@code false} = opts back in, empty = an ordinary message or HELP. */
    public Optional<Boolean> optsOut(String body) {
        return keyword(body).filter(Keyword::changesOptOut).map(Keyword::optsOut);
    }

    /** The keywords that opt back in, as a refusal names them: "START, YES or UNSTOP". */
    public String optInWords() {
        return optInWords;
    }

    /** Capitals, no accents, no surrounding spaces: the form words are matched and stored in. */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
