package io.smsconversations.events;

/**
 * Why a message was not delivered, normalised across providers; the provider's raw code and text travel beside it in
 * {@link DeliveryReportReceived}. Written as in the issue (not in capitals) because it is a vocabulary shared with
 * the seller-facing side.
 */
public enum FailureReason {

    /** The destination is invalid, not E.164, not SMS-capable, or the request was otherwise unsendable. */
    InvalidSendingParameters,
    /** The recipient opted out of messages from this sender (Twilio 21610 and its peers): SPEC §6 marks the number. */
    RecipientOptedOut,
    /** The handset or the number could not be reached (switched off, out of coverage, unknown subscriber). */
    Unreachable,
    /** A carrier or the provider blocked the message (spam filter, barred, blacklisted). */
    Blocked,
    /** The message expired before it could be delivered. */
    Expired,
    /** The account cannot send (balance, suspension, permissions). */
    AccountProblem,
    /** Anything else the provider reported, or a failure without a code. */
    ProviderError
}
