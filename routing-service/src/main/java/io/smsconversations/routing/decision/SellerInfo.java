package io.smsconversations.routing.decision;

import java.util.Set;

/** What routing needs to know about a seller: team memberships (rule 3, team alerts) and the Seller privilege. */
public record SellerInfo(String id, Set<String> teamIds, boolean sellerPrivilege) {

    public SellerInfo {
        teamIds = teamIds == null ? Set.of() : Set.copyOf(teamIds);
    }
}
