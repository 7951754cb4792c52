package io.smsconversations.events;

import java.util.List;

/**
 * A seller. Topic {@link Topics#DIRECTORY_SELLERS}, key {@code id} (the OIDC subject).
 *
 * @param sellerPrivilege whether the seller holds the Seller SMS privilege (SPEC §3)
 */
public record Seller(String id, String name, List<String> teamIds, boolean sellerPrivilege) {

    public Seller {
        teamIds = teamIds == null ? List.of() : List.copyOf(teamIds);
    }
}
