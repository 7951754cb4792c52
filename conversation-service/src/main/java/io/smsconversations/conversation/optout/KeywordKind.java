package io.smsconversations.conversation.optout;

/** What a keyword reply does (SPEC §6, issue 14 item 3). */
public enum KeywordKind {
    /** Opts the customer out of the business number (STOP, ARRET, ...). */
    OPT_OUT,
    /** Opts the customer back in (START, ...). */
    OPT_IN,
    /** Asks what the number is and how to leave (HELP, AIDE, ...): changes nothing, answered with a help text. */
    HELP
}
