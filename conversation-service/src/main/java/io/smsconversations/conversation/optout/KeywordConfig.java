package io.smsconversations.conversation.optout;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The keyword lists per locale and the automatic replies (issue 14 item 3), under {@code conversation.keywords}.
 * Carriers differ per country (Canada adds the French ARRET and AIDE), so the lists are configuration, not code; the
 * defaults are in application.properties.
 */
@ConfigMapping(prefix = "conversation.keywords")
public interface KeywordConfig {

    /** The locale whose opt-in words a refused send names first. */
    @WithDefault("en")
    String defaultLocale();

    /** Whether keywords are answered at all (carriers require the STOP confirmation: leave it on in production). */
    @WithDefault("true")
    boolean repliesEnabled();

    /** Per locale (BCP 47 tag): its words and its default replies. */
    Map<String, LocaleKeywords> locales();

    /** Per business number (E.164, quoted in properties: {@code numbers."+15145550100".opt-out=...}): its own texts. */
    Map<String, NumberReplies> numbers();

    interface LocaleKeywords {

        Optional<List<String>> optOut();

        Optional<List<String>> optIn();

        Optional<List<String>> help();

        /** The default replies of the locale's keywords. */
        Replies replies();
    }

    interface Replies {

        String optOut();

        String optIn();

        String help();
    }

    /** A business number's own texts; a kind it does not set keeps the locale's. */
    interface NumberReplies {

        Optional<String> optOut();

        Optional<String> optIn();

        Optional<String> help();
    }
}
