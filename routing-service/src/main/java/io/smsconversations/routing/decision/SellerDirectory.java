package io.smsconversations.routing.decision;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sellers relevant to one routing decision (owners of the candidates, owners of the business number and the
 * members of their teams), loaded once so that the rules and the alerts are computed without I/O.
 */
public final class SellerDirectory {

    private final Map<String, SellerInfo> byId;

    private SellerDirectory(Map<String, SellerInfo> byId) {
        this.byId = byId;
    }

    public static SellerDirectory of(Collection<SellerInfo> sellers) {
        return new SellerDirectory(sellers.stream()
                .collect(Collectors.toUnmodifiableMap(SellerInfo::id, Function.identity(), (a, b) -> a)));
    }

    public static SellerDirectory empty() {
        return new SellerDirectory(Map.of());
    }

    public Set<String> teamsOf(String sellerId) {
        SellerInfo seller = byId.get(sellerId);
        return seller == null ? Set.of() : seller.teamIds();
    }

    /** An unknown seller does not hold the privilege: the alert then says so, and nothing is lost. */
    public boolean hasSellerPrivilege(String sellerId) {
        SellerInfo seller = byId.get(sellerId);
        return seller != null && seller.sellerPrivilege();
    }

    /** The members of {@code teamId} among the loaded sellers, sorted by id. */
    public List<String> membersOf(String teamId) {
        return byId.values().stream()
                .filter(s -> s.teamIds().contains(teamId))
                .map(SellerInfo::id)
                .sorted()
                .toList();
    }
}
