package io.smsconversations.conversation.template;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * BCP 47 language tags. {@link Locale.Builder} checks well-formedness (RFC 5646 syntax, which
 * {@link Locale#forLanguageTag} silently drops); on top of it the language must be an ISO 639-1 code or a
 * three-letter (ISO 639-2/3) one, which are only checked for their form. Tags
 * are stored in their canonical form ({@code en-us} becomes {@code en-US}) so that filters compare them exactly.
 */
final class LanguageTag {

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private LanguageTag() {
    }

    /** The canonical tag, or empty when {@code raw} is not a well-formed tag of a known language. */
    static Optional<String> canonical(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(raw.strip()).build();
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
        String language = locale.getLanguage();
        // Syntax alone admits 5 to 8 letter languages ("english"); none is registered, so only ISO 639 codes pass.
        boolean known = language.length() == 2 ? ISO_639_1.contains(language) : language.length() == 3;
        if (!known || "und".equals(language)) {
            return Optional.empty();
        }
        return Optional.of(locale.toLanguageTag());
    }
}
