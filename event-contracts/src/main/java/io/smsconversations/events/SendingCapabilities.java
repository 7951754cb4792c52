package io.smsconversations.events;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smsconversations.events.BusinessAddress.Kind;

/**
 * Which provider can send from which kind of business address, and where an alphanumeric sender id may not go: one
 * table, read by conversation-service (a 422 before anything is queued) and by the gateway (a {@link SendFailed} as
 * second line of defence). From the providers' documentation:
 * <ul>
 * <li>twilio: short codes, and alphanumeric sender ids in supported countries, never to the US or Canada
 * (help.twilio.com/articles/223181348 "Alphanumeric Sender ID for Twilio Programmable SMS";
 * twilio.com/guidelines/us/sms: alphanumeric "Not Supported");</li>
 * <li>acs: toll-free, 10DLC, short codes and alphanumeric sender ids (learn.microsoft.com/azure/communication-services/
 * concepts/sms/sms-number-types);</li>
 * <li>vonage: a numeric or an alphanumeric {@code from} of up to 11 characters, without spaces
 * (developer.vonage.com/messaging/sms/guides/custom-sender-id); US dedicated short codes, no alpha sender to the US
 * (api.support.vonage.com/hc/en-us/articles/204017023);</li>
 * <li>infobip: short codes (TON 3) and alphanumeric senders (TON 5) (infobip.com/glossary/ton-npi-settings);</li>
 * <li>telesign: {@code sender_id} of up to 20 characters, whitelisted by Telesign, numbers or text
 * (developer.telesign.com/enterprise/reference/sms); its dedicated numbers are phone numbers, no short code offer is
 * documented for the API, so a short code is refused;</li>
 * <li>linkmobility: {@code sourceTON} MSISDN, SHORTNUMBER or ALPHANUMERIC (its SMS REST API, as in the gateway's
 * sender).</li>
 * </ul>
 * Destinations that refuse alphanumeric sender ids: the US and Canada (every provider above says so), and Puerto Rico,
 * which shares the +1 plan (developers.telnyx.com/docs/messaging/messages/alphanumeric-sender-id).
 */
public final class SendingCapabilities {

    private static final Map<String, Set<Kind>> KINDS = Map.of(
            "twilio", EnumSet.allOf(Kind.class),
            "acs", EnumSet.allOf(Kind.class),
            "vonage", EnumSet.allOf(Kind.class),
            "infobip", EnumSet.allOf(Kind.class),
            "telesign", EnumSet.of(Kind.PHONE_NUMBER, Kind.ALPHANUMERIC),
            "linkmobility", EnumSet.allOf(Kind.class));

    /** Destinations that do not accept an alphanumeric sender id. */
    public static final Set<String> NO_ALPHANUMERIC_TO = Set.of("US", "CA", "PR");

    private SendingCapabilities() {
    }

    /** The kinds a provider can send from (empty for a provider the suite does not know). */
    public static Set<Kind> kinds(String provider) {
        return KINDS.getOrDefault(provider, Set.of());
    }

    /**
     * Why {@code provider} cannot send from {@code from} at all, whoever the recipient (empty: it can); what the list
     * of sending numbers shows beside an unusable number.
     */
    public static Optional<String> unusable(String provider, BusinessAddress from) {
        if (!kinds(provider).contains(from.kind())) {
            return Optional.of(provider + " cannot send from " + describe(from.kind()));
        }
        if (from.kind() == Kind.ALPHANUMERIC && "vonage".equals(provider) && from.key().contains(" ")) {
            return Optional.of("vonage does not accept spaces in an alphanumeric sender id");
        }
        return Optional.empty();
    }

    /**
     * Why this send cannot be made (empty: it can): the provider cannot send from this kind, or the recipient's
     * country refuses it.
     *
     * @param toE164 the customer number, E.164
     */
    public static Optional<String> refusal(String provider, BusinessAddress from, String toE164) {
        Optional<String> unusable = unusable(provider, from);
        if (unusable.isPresent()) {
            return unusable;
        }
        String toRegion = E164.regionOf(toE164).orElse(null);
        if (from.kind() == Kind.ALPHANUMERIC && toRegion != null && NO_ALPHANUMERIC_TO.contains(toRegion)) {
            return Optional.of("an alphanumeric sender id cannot send to a number in " + toRegion
                    + " (carriers there refuse it); send from a long code, toll-free number or short code");
        }
        // A short code is national: the US's reach US numbers, Canada's Canadian ones; none crosses a border.
        if (from.kind() == Kind.SHORT_CODE && !from.country().equals(toRegion)) {
            return Optional.of("the short code " + from.key() + " reaches numbers in " + from.country()
                    + " only, not in " + (toRegion == null ? "an unknown country" : toRegion));
        }
        return Optional.empty();
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case PHONE_NUMBER -> "a phone number";
            case SHORT_CODE -> "a short code";
            case ALPHANUMERIC -> "an alphanumeric sender id";
        };
    }
}
