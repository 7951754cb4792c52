package io.smsconversations.routing.decision;

import java.util.List;
import java.util.TreeSet;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.Owner;

/**
 * SPEC §7: who is alerted about a routed message. A pure function over already loaded sellers.
 * <ul>
 * <li>a record owned by a seller: that seller;</li>
 * <li>owned by a team: the team's members (sellers whose team ids contain it);</li>
 * <li>no owner, or a team without known members: the sellers the business number is assigned to, directly or through
 * its teams, so that a reply always reaches someone when anyone can be found.</li>
 * </ul>
 * Each recipient carries whether they hold the Seller privilege; an unknown seller does not.
 */
public final class AlertRecipients {

    private AlertRecipients() {
    }

    public static List<AlertRecipient> forRecord(Owner owner, NumberAssignment number, SellerDirectory sellers) {
        TreeSet<String> ids = new TreeSet<>();
        if (owner != null && owner.sellerId() != null) {
            ids.add(owner.sellerId());
        } else if (owner != null && owner.teamId() != null) {
            ids.addAll(sellers.membersOf(owner.teamId()));
        }
        if (ids.isEmpty()) {
            ids.addAll(number.sellerIds());
            number.teamIds().forEach(team -> ids.addAll(sellers.membersOf(team)));
        }
        return ids.stream().map(id -> new AlertRecipient(id, sellers.hasSellerPrivilege(id))).toList();
    }
}
