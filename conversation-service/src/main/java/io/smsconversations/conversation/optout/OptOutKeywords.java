package io.smsconversations.conversation.optout;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The carrier keywords of SPEC §6: a reply that is exactly one of them (any case, surrounding spaces ignored) opts
 * the customer out of, or back in to, the business number it was sent to. HELP and INFO change nothing.
 */
public final class OptOutKeywords {

    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPTOUT");
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");

    private OptOutKeywords() {
    }

    /** {@code true} = opts out, {@code false} = opts back in, empty = an ordinary message. */
    public static Optional<Boolean> optsOut(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Optional.of(true);
        }
        return OPT_IN.contains(word) ? Optional.of(false) : Optional.empty();
    }
}
