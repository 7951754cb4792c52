package io.smsconversations.events;

/** Who owns a record: a seller or a team (exactly one of the two is set). */
public record Owner(String sellerId, String teamId) {

    public static Owner seller(String sellerId) {
        return new Owner(sellerId, null);
    }

    public static Owner team(String teamId) {
        return new Owner(null, teamId);
    }
}
