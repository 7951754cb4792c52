package io.smsconversations.gateway.webhook;

import java.util.Optional;

import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;

/**
 * The business side of a webhook ({@code To} of an inbound message, {@code From} of a delivery report) as a
 * {@link BusinessAddress} key. Providers write a short code as bare digits ({@code To=12345}); its country is the
 * one the provider names beside it (Twilio's {@code ToCountry}) or else the customer's: a short code only exchanges
 * messages with numbers of its own country.
 */
public final class BusinessNumbers {

    /** What a problem says about a value that is no business address; the value itself is not quoted (logged). */
    public static final String RECEIVING = "is not a phone number in E.164 (+<country code><number>) or a short code";
    public static final String SENDING = "is not a phone number in E.164 (+<country code><number>), a short code or "
            + "an alphanumeric sender id";

    private BusinessNumbers() {
    }

    /**
     * The number an inbound message was sent to: E.164 or a short code, never an alphanumeric sender id (customers
     * cannot send to one).
     *
     * @param country  the provider's country for it, or null
     * @param customer the sender's number in E.164, or null when it was unusable
     */
    public static Optional<String> receiving(String raw, String country, String customer) {
        return address(raw, country, customer).filter(BusinessAddress::receivesReplies).map(BusinessAddress::key);
    }

    /** The number or sender id a delivery report says the message was sent from. */
    public static Optional<String> sending(String raw, String country, String customer) {
        return address(raw, country, customer).map(BusinessAddress::key);
    }

    private static Optional<BusinessAddress> address(String raw, String country, String customer) {
        String shortCodeCountry = country != null && !country.isBlank() ? country
                : customer == null ? null : E164.regionOf(customer).orElse(null);
        return BusinessAddress.parse(raw, shortCodeCountry, null);
    }
}
