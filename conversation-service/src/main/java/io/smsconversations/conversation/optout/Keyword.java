package io.smsconversations.conversation.optout;

/**
 * A keyword a customer's reply was, as configured.
 *
 * @param word   the configured word in its matching form (capitals, accents dropped: {@code ARRET} for "Arrêt"),
 *               which {@code opt_out.keyword} keeps
 * @param kind   what it does
 * @param locale the locale whose list holds it (a BCP 47 tag, e.g. {@code fr-CA}): its confirmation is in that
 *               locale's language
 */
public record Keyword(String word, KeywordKind kind, String locale) {

    /** The opt-out state the keyword sets; HELP sets none. */
    public boolean optsOut() {
        return kind == KeywordKind.OPT_OUT;
    }

    public boolean changesOptOut() {
        return kind != KeywordKind.HELP;
    }
}
