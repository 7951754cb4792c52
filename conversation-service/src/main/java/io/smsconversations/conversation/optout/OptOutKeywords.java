package io.smsconversations.conversation.optout;

import java.util.List;
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
    private static final List<String> OPT_IN_IN_ORDER = List.of("START", "YES", "UNSTOP");
    private static final Set<String> OPT_IN = Set.copyOf(OPT_IN_IN_ORDER);

    /** The keywords that opt back in, as a refusal names them: "START, YES or UNSTOP". */
    public static final String OPT_IN_WORDS = String.join(", ", OPT_IN_IN_ORDER.subList(0, OPT_IN_IN_ORDER.size() - 1))
            + " or " + OPT_IN_IN_ORDER.get(OPT_IN_IN_ORDER.size() - 1);

    private OptOutKeywords() {
    }

    /** {@code true} = opts out, {@code false} = opts back in, empty = an ordinary message. */
    public static Optional<Boolean> optsOut(String body) {
        return keyword(body).map(OPT_OUT::contains);
    }

    /** The keyword {@code body} is, in capitals (" stop " is {@code STOP}); empty for an ordinary message. */
    public static Optional<String> keyword(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        return OPT_OUT.contains(word) || OPT_IN.contains(word) ? Optional.of(word) : Optional.empty();
    }
}
