package io.smsconversations.routing.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;

/**
 * Checks directory entries and brings them to their stored form: every phone number E.164 (a business number a
 * {@link BusinessAddress} key: E.164, short code or alphanumeric sender id), blank optional strings
 * absent, lists without duplicates. Used on both ways in (the admin API and the directory topics), so an entry is
 * stored the same however it arrives; an entry with anything wrong is refused as a whole, never half-stored.
 * <p>
 * Numbers written without a country code are read in {@code routing.default-region}: a record has no business
 * number whose region could serve (SPEC §3).
 */
@ApplicationScoped
public class DirectoryNormaliser {

    static final int MAX_ID = 128;
    static final int MAX_NAME = 255;
    static final int MAX_PROVIDER = 64;

    private final String defaultRegion;

    public DirectoryNormaliser(@ConfigProperty(name = "routing.default-region", defaultValue = "US") String region) {
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The E.164 form of a number someone typed, read in the default region when it has no country code. */
    public Optional<String> phone(String raw) {
        return E164.normalise(raw, defaultRegion);
    }

    /**
     * @param key               the id the entry must have (URL path or Kafka key); a body without id takes it
     * @param defaultModifiedOn used when the record does not say when it was modified (null: leave it unknown)
     */
    public DirectoryRecord record(String key, DirectoryRecord record, Instant defaultModifiedOn) {
        String subject = "record " + key;
        List<Violation> violations = new ArrayList<>();
        String id = id(key, record.id(), "id", violations);
        if (record.type() == null) {
            violations.add(new Violation("type", "is required (CONTACT, ACCOUNT, OPPORTUNITY or LEAD)"));
        }
        String name = required(record.name(), "name", MAX_NAME, violations);
        Owner owner = owner(record.owner(), violations);
        String accountId = optional(record.accountId(), "accountId", MAX_ID, violations);
        String customerId = optional(record.customerId(), "customerId", MAX_ID, violations);
        List<String> relatedContactIds = ids(record.relatedContactIds(), "relatedContactIds", violations);
        relations(record.type(), id, customerId, relatedContactIds, violations);
        LinkedHashSet<PhoneNumber> phones = new LinkedHashSet<>();
        for (int i = 0; i < record.phones().size(); i++) {
            PhoneNumber phone = record.phones().get(i);
            String field = "phones[" + i + "]";
            if (phone == null) {
                violations.add(new Violation(field, "is required"));
                continue;
            }
            if (phone.kind() == null) {
                violations.add(new Violation(field + ".kind", "is required (BUSINESS or MOBILE)"));
            }
            Optional<String> number = phone(phone.number());
            if (number.isEmpty()) {
                violations.add(new Violation(field + ".number",
                        "is not a valid phone number (numbers without country code are read in region "
                                + defaultRegion + ")"));
            } else {
                phones.add(new PhoneNumber(phone.kind(), number.get()));
            }
        }
        refuseIfAny(subject, violations);
        Instant modifiedOn = record.modifiedOn() != null ? record.modifiedOn() : defaultModifiedOn;
        return new DirectoryRecord(id, record.type(), name, owner, record.active(), modifiedOn,
                List.copyOf(phones), accountId, customerId, relatedContactIds);
    }

    public Team team(String key, Team team) {
        List<Violation> violations = new ArrayList<>();
        String id = id(key, team.id(), "id", violations);
        String name = required(team.name(), "name", MAX_NAME, violations);
        refuseIfAny("team " + key, violations);
        return new Team(id, name);
    }

    /**
     * An opportunity's relations (SPEC §3): a customer and related contacts belong to opportunities only, and a record
     * cannot relate to itself. Whether the ids exist, and are of the right type, is not checked: the directory
     * follows compacted topics where an opportunity may arrive before its customer, and the CRM owns that truth.
     */
    private static void relations(RecordType type, String id, String customerId, List<String> relatedContactIds,
            List<Violation> violations) {
        if (type != null && type != RecordType.OPPORTUNITY) {
            if (customerId != null) {
                violations.add(new Violation("customerId", "only an opportunity has a customer"));
            }
            if (!relatedContactIds.isEmpty()) {
                violations.add(new Violation("relatedContactIds", "only an opportunity lists related contacts"));
            }
        }
        if (customerId != null && customerId.equals(id)) {
            violations.add(new Violation("customerId", "an opportunity is not its own customer"));
        }
        if (relatedContactIds.contains(id)) {
            violations.add(new Violation("relatedContactIds", "an opportunity is not its own related contact"));
        }
    }

    public Seller seller(String key, Seller seller) {
        List<Violation> violations = new ArrayList<>();
        String id = id(key, seller.id(), "id", violations);
        String name = required(seller.name(), "name", MAX_NAME, violations);
        List<String> teams = ids(seller.teamIds(), "teamIds", violations);
        refuseIfAny("seller " + key, violations);
        return new Seller(id, name, teams, seller.sellerPrivilege());
    }

    /**
     * @param key the business number the entry must have (URL path or Kafka key), already a {@link BusinessAddress}
     *            key: E.164, {@code US:12345} for a short code, or an alphanumeric sender id
     */
    public BusinessNumber businessNumber(String key, BusinessNumber number) {
        List<Violation> violations = new ArrayList<>();
        if (number.number() != null && !number.number().isBlank()) {
            Optional<BusinessAddress> given = address(number.number());
            if (given.isEmpty()) {
                violations.add(new Violation("number", "is not " + BusinessAddress.EXPECTED));
            } else if (!given.get().key().equals(key)) {
                violations.add(new Violation("number", "does not match the number in the path or key"));
            }
        }
        String name = required(number.name(), "name", MAX_NAME, violations);
        if (number.type() == null) {
            violations.add(new Violation("type", "is required (LONG_CODE, SHORT_CODE, TOLL_FREE or ALPHANUMERIC)"));
        } else {
            // The key says what the address is; a type that contradicts it would mislead the send checks.
            BusinessAddress.ofKey(key).filter(address -> !address.fits(number.type())).ifPresent(address -> violations
                    .add(new Violation("type", number.type() + " does not fit " + key + ", which is "
                            + expectedType(address))));
        }
        String provider = required(number.provider(), "provider", MAX_PROVIDER, violations);
        List<String> sellers = ids(number.ownerSellerIds(), "ownerSellerIds", violations);
        List<String> teams = ids(number.ownerTeamIds(), "ownerTeamIds", violations);
        if (sellers.isEmpty() && teams.isEmpty()) {
            violations.add(new Violation("ownerSellerIds",
                    "a business number needs at least one owner seller or owner team"));
        }
        refuseIfAny("business number", violations);
        return new BusinessNumber(key, name, number.type(), sellers, teams, provider);
    }

    /**
     * A business number as it appears in a URL path or a Kafka key, as its {@link BusinessAddress} key. A phone
     * number may be written in any format (national ones read in the default region); a short code must name its
     * country ({@code US:12345}): the same digits are different codes in different countries.
     */
    public String businessNumberKey(String raw) {
        return address(raw).map(BusinessAddress::key).orElseThrow(() -> new InvalidDirectoryEntryException(
                "business number", List.of(new Violation("number", "is not " + BusinessAddress.EXPECTED))));
    }

    private Optional<BusinessAddress> address(String raw) {
        return BusinessAddress.parse(raw, null, defaultRegion);
    }

    private static String expectedType(BusinessAddress address) {
        return switch (address.kind()) {
            case PHONE_NUMBER -> "a phone number (LONG_CODE or TOLL_FREE)";
            case SHORT_CODE -> "a short code (SHORT_CODE)";
            case ALPHANUMERIC -> "an alphanumeric sender id (ALPHANUMERIC)";
        };
    }

    private static String id(String key, String bodyId, String field, List<Violation> violations) {
        if (key == null || key.isBlank()) {
            violations.add(new Violation(field, "is required"));
            return key;
        }
        if (key.length() > MAX_ID) {
            violations.add(new Violation(field, "is longer than " + MAX_ID + " characters"));
        }
        if (bodyId != null && !bodyId.equals(key)) {
            violations.add(new Violation(field, "'" + bodyId + "' does not match '" + key + "' in the path or key"));
        }
        return key;
    }

    private static String required(String value, String field, int max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
            return value;
        }
        return optional(value, field, max, violations);
    }

    private static String optional(String value, String field, int max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            violations.add(new Violation(field, "is longer than " + max + " characters"));
        }
        return text;
    }

    private static Owner owner(Owner owner, List<Violation> violations) {
        if (owner == null) {
            return null;
        }
        String seller = optional(owner.sellerId(), "owner.sellerId", MAX_ID, violations);
        String team = optional(owner.teamId(), "owner.teamId", MAX_ID, violations);
        if (seller != null && team != null) {
            violations.add(new Violation("owner", "is a seller or a team, not both"));
        }
        return seller == null && team == null ? null : new Owner(seller, team);
    }

    private static List<String> ids(List<String> ids, String field, List<Violation> violations) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                violations.add(new Violation(field + "[" + i + "]", "is blank"));
            } else if (id.strip().length() > MAX_ID) {
                violations.add(new Violation(field + "[" + i + "]", "is longer than " + MAX_ID + " characters"));
            } else {
                distinct.add(id.strip());
            }
        }
        return List.copyOf(distinct);
    }

    private static void refuseIfAny(String subject, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidDirectoryEntryException(subject, violations);
        }
    }
}
