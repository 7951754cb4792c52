package io.smsconversations.conversation.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;

/**
 * Checks the directory entries read from the topics and brings them to their stored form (trimmed, blank optional
 * strings absent, ids without duplicates, numbers E.164). An entry with anything wrong is refused as a whole
 * ({@link PoisonRecordException}), never half-stored. The limits are the columns of V3.
 */
final class DirectoryEntries {

    static final int MAX_ID = 128;
    static final int MAX_NAME = 255;
    static final int MAX_PROVIDER = 64;

    private DirectoryEntries() {
    }

    static DirectoryRecord record(String key, DirectoryRecord record) {
        List<String> problems = new ArrayList<>();
        id(key, record.id(), problems);
        if (record.type() == null) {
            problems.add("type is required");
        }
        String name = required(record.name(), "name", MAX_NAME, problems);
        Owner owner = record.owner();
        String ownerSeller = owner == null ? null : optional(owner.sellerId(), "owner.sellerId", MAX_ID, problems);
        String ownerTeam = owner == null ? null : optional(owner.teamId(), "owner.teamId", MAX_ID, problems);
        if (ownerSeller != null && ownerTeam != null) {
            problems.add("owner is a seller or a team, not both");
        }
        String accountId = optional(record.accountId(), "accountId", MAX_ID, problems);
        String customerId = optional(record.customerId(), "customerId", MAX_ID, problems);
        List<String> relatedContacts = ids(record.relatedContactIds(), "relatedContactIds", problems);
        List<PhoneNumber> phones = phones(record.phones(), problems);
        refuseIfAny("record", problems);
        Owner stored = ownerSeller == null && ownerTeam == null ? null : new Owner(ownerSeller, ownerTeam);
        return new DirectoryRecord(key, record.type(), name, stored, record.active(), record.modifiedOn(),
                phones, accountId, customerId, relatedContacts);
    }

    static Team team(String key, Team team) {
        List<String> problems = new ArrayList<>();
        id(key, team.id(), problems);
        String name = required(team.name(), "name", MAX_NAME, problems);
        refuseIfAny("team", problems);
        return new Team(key, name);
    }

    /**
     * The record's numbers in E.164, one entry per number (the first kind named wins). A number that cannot be
     * normalised refuses the record, naming the field: storing it would make a send to it look allowed.
     */
    private static List<PhoneNumber> phones(List<PhoneNumber> phones, List<String> problems) {
        Map<String, PhoneNumber> byNumber = new LinkedHashMap<>();
        for (int i = 0; i < phones.size(); i++) {
            PhoneNumber phone = phones.get(i);
            String field = "phones[" + i + "]";
            if (phone == null || phone.kind() == null) {
                problems.add(field + ".kind is required");
                continue;
            }
            Optional<String> number = phone.number() == null ? Optional.empty() : E164.normalise(phone.number());
            if (number.isEmpty()) {
                problems.add(field + ".number is not a valid E.164 number");
                continue;
            }
            byNumber.putIfAbsent(number.get(), new PhoneNumber(phone.kind(), number.get()));
        }
        return List.copyOf(byNumber.values());
    }

    static Seller seller(String key, Seller seller) {
        List<String> problems = new ArrayList<>();
        id(key, seller.id(), problems);
        String name = required(seller.name(), "name", MAX_NAME, problems);
        List<String> teams = ids(seller.teamIds(), "teamIds", problems);
        refuseIfAny("seller", problems);
        return new Seller(key, name, teams, seller.sellerPrivilege());
    }

    /** @param number the Kafka key, already a business address key ({@link #businessNumberKey}) */
    static BusinessNumber businessNumber(String number, BusinessNumber entry) {
        List<String> problems = new ArrayList<>();
        if (entry.number() != null && !entry.number().isBlank()
                && !BusinessAddress.parse(entry.number(), null, null).map(BusinessAddress::key).map(number::equals)
                        .orElse(false)) {
            problems.add("number does not match the key");
        }
        String name = required(entry.name(), "name", MAX_NAME, problems);
        if (entry.type() == null) {
            problems.add("type is required");
        }
        String provider = required(entry.provider(), "provider", MAX_PROVIDER, problems);
        List<String> sellers = ids(entry.ownerSellerIds(), "ownerSellerIds", problems);
        List<String> teams = ids(entry.ownerTeamIds(), "ownerTeamIds", problems);
        refuseIfAny("business number", problems);
        return new BusinessNumber(number, name, entry.type(), sellers, teams, provider);
    }

    /** The key of a business number entry: E.164, a short code ({@code US:12345}) or an alphanumeric sender id. */
    static String businessNumberKey(String key) {
        return BusinessAddress.parse(key, null, null).map(BusinessAddress::key).orElseThrow(
                () -> new PoisonRecordException("business number: the key is not " + BusinessAddress.EXPECTED));
    }

    private static void id(String key, String bodyId, List<String> problems) {
        if (key.length() > MAX_ID) {
            problems.add("the key is longer than " + MAX_ID + " characters");
        }
        if (bodyId != null && !bodyId.isBlank() && !bodyId.strip().equals(key)) {
            problems.add("id does not match the key");
        }
    }

    private static String required(String value, String field, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
            return null;
        }
        return optional(value, field, max, problems);
    }

    private static String optional(String value, String field, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
        return text;
    }

    private static List<String> ids(List<String> ids, String field, List<String> problems) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                problems.add(field + "[" + i + "] is blank");
            } else if (id.strip().length() > MAX_ID) {
                problems.add(field + "[" + i + "] is longer than " + MAX_ID + " characters");
            } else {
                distinct.add(id.strip());
            }
        }
        return List.copyOf(distinct);
    }

    private static void refuseIfAny(String subject, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new PoisonRecordException(subject + ": " + String.join("; ", problems));
        }
    }
}
