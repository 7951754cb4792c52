package io.smsconversations.routing.directory;

import java.util.List;

import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;

/** Entities back to the contract records (lists sorted where the database keeps no order). */
public final class DirectoryMapping {

    private DirectoryMapping() {
    }

    public static Owner owner(String sellerId, String teamId) {
        return sellerId == null && teamId == null ? null : new Owner(sellerId, teamId);
    }

    /** The record with its phones and related contacts: both must have been fetched. */
    public static DirectoryRecord record(RecordEntity r) {
        List<PhoneNumber> phones = r.phones.stream().map(p -> new PhoneNumber(p.kind, p.number)).toList();
        return new DirectoryRecord(r.id, r.type, r.name, owner(r.ownerSellerId, r.ownerTeamId), r.active,
                r.modifiedOn, phones, r.accountId, r.customerId, List.copyOf(r.relatedContactIds));
    }

    public static Seller seller(SellerEntity s) {
        return new Seller(s.id, s.name, s.teamIds.stream().sorted().toList(), s.sellerPrivilege);
    }

    public static Team team(TeamEntity t) {
        return new Team(t.id, t.name);
    }

    public static BusinessNumber businessNumber(BusinessNumberEntity b) {
        return new BusinessNumber(b.number, b.name, b.type, b.ownerSellerIds.stream().sorted().toList(),
                b.ownerTeamIds.stream().sorted().toList(), b.provider);
    }
}
