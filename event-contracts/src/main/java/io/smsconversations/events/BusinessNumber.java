package io.smsconversations.events;

import java.util.List;

/**
 * A number the organisation sends from and receives on. Topic {@link Topics#DIRECTORY_BUSINESS_NUMBERS}, key
 * {@code number}: a {@link BusinessAddress} key (E.164, {@code US:12345} for a short code, or an alphanumeric
 * sender id).
 */
public record BusinessNumber(
        String number,
        String name,
        BusinessNumberType type,
        List<String> ownerSellerIds,
        List<String> ownerTeamIds,
        String provider) {

    public BusinessNumber {
        ownerSellerIds = ownerSellerIds == null ? List.of() : List.copyOf(ownerSellerIds);
        ownerTeamIds = ownerTeamIds == null ? List.of() : List.copyOf(ownerTeamIds);
    }
}
