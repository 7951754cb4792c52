package io.smsconversations.routing.decision;

import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.national;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.put;
import static io.smsconversations.routing.TestSupport.queryOne;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/** SPEC §4 end to end through the real broker and database: inbound event in, MessageAttached out. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class InboundRoutingTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();
    private static final Instant MODIFIED = Instant.parse("2026-11-01T00:00:00Z");

    @Inject
    AgroalDataSource db;

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aReplyFromAKnownNumberIsAttachedToTheChosenRecordWithTheRuleAndTheAlerts() {
        String sam = unique("sam");
        String olga = unique("olga");
        seller(sam, List.of(unique("team")), true);
        seller(olga, List.of(), false);
        String to = number("206");
        businessNumber(to, List.of(sam), List.of());
        String from = number("425");
        String contactOfOlga = unique("contact");
        String accountOfSam = unique("account");
        record(new DirectoryRecord(contactOfOlga, RecordType.CONTACT, "Ada", Owner.seller(olga), true, MODIFIED,
                List.of(new PhoneNumber(PhoneKind.MOBILE, national(from))), null));
        record(new DirectoryRecord(accountOfSam, RecordType.ACCOUNT, "Contoso", Owner.seller(sam), true, MODIFIED,
                List.of(new PhoneNumber(PhoneKind.BUSINESS, from)), null));
        InboundMessageReceived message = message(from, to, "Is the offer still valid?");
        String inboundId = EventIds.inboundMessage("twilio", message.providerMessageId());

        publish(inboundId, message);

        CloudEventRecord event = awaitAttach(inboundId);
        assertThat(event.key()).isEqualTo(ConversationKey.of(from, to));
        assertThat(event.type()).isEqualTo(EventTypes.MESSAGE_ATTACHED);
        assertThat(event.source()).isEqualTo(EventTypes.SOURCE_ROUTING_SERVICE);
        assertThat(event.subject()).isEqualTo(accountOfSam);
        MessageAttached attached = event.dataAs(MessageAttached.class);
        // No conversation activity known: the decision says so (null), and when it was made.
        assertThat(attached).isEqualTo(new MessageAttached(inboundId, message,
                new RecordRef(accountOfSam, RecordType.ACCOUNT, "Contoso", Owner.seller(sam)),
                "rule 2: owned by the seller of the business number", List.of(new AlertRecipient(sam, true)),
                attached.decidedAt(), null, null));
        await().atMost(WAIT).until(() -> queryOne(db, "SELECT attach_published_at FROM routing_decision "
                + "WHERE inbound_event_id = ?", inboundId) != null);
        assertThat(attached.decidedAt()).isEqualTo(((java.sql.Timestamp) queryOne(db,
                "SELECT decided_at FROM routing_decision WHERE inbound_event_id = ?", inboundId)).toInstant());
        assertThat(queryOne(db, "SELECT candidates_count FROM routing_decision WHERE inbound_event_id = ?",
                inboundId)).isEqualTo(2);
        assertThat(queryOne(db, "SELECT rule_key FROM routing_decision WHERE inbound_event_id = ?", inboundId))
                .isEqualTo("rule-2");
    }

    @Test
    void aReplyToAShortCodeIsRoutedByTheSameRules() {
        String sam = unique("sam");
        String olga = unique("olga");
        seller(sam, List.of(), true);
        seller(olga, List.of(), false);
        // Five digits that are unique enough per run; the key names the country (docs/events.md).
        String to = "US:" + (10_000 + Math.floorMod(unique("code").hashCode(), 90_000));
        put("/api/admin/business-numbers/" + to, new BusinessNumber(null, unique("Offers"),
                BusinessNumberType.SHORT_CODE, List.of(sam), List.of(), "twilio"), BusinessNumber.class);
        await().atMost(WAIT).until(() -> get("/api/admin/business-numbers/" + to, BusinessNumber.class) != null);
        String from = number("425");
        String contactOfOlga = unique("contact");
        String contactOfSam = unique("contact");
        record(new DirectoryRecord(contactOfOlga, RecordType.CONTACT, "Ada", Owner.seller(olga), true, MODIFIED,
                List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        record(new DirectoryRecord(contactOfSam, RecordType.CONTACT, "Bea", Owner.seller(sam), true, MODIFIED,
                List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        InboundMessageReceived message = message(from, to, "YES");
        String inboundId = EventIds.inboundMessage("twilio", message.providerMessageId());

        publish(inboundId, message);

        CloudEventRecord event = awaitAttach(inboundId);
        assertThat(event.key()).isEqualTo(ConversationKey.of(from, to));
        MessageAttached attached = event.dataAs(MessageAttached.class);
        assertThat(attached.message().to()).isEqualTo(to);
        assertThat(attached.record().id()).isEqualTo(contactOfSam);
        assertThat(attached.decidingRule()).isEqualTo("rule 2: owned by the seller of the business number");
        assertThat(attached.alerts()).containsExactly(new AlertRecipient(sam, true));
    }

    @Test
    void aRecordOwnedByATeamAlertsTheMembersWithTheirSellerPrivilege() {
        String team = unique("team");
        String withPrivilege = unique("a-seller");
        String without = unique("b-seller");
        seller(withPrivilege, List.of(team), true);
        seller(without, List.of("other-team", team), false);
        String to = number("206");
        businessNumber(to, List.of(unique("someone")), List.of());
        String from = number("425");
        String opportunity = unique("opportunity");
        record(new DirectoryRecord(opportunity, RecordType.OPPORTUNITY, "Big deal", Owner.team(team), false,
                MODIFIED, List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        InboundMessageReceived message = message(from, to, "Yes");
        String inboundId = EventIds.inboundMessage("twilio", message.providerMessageId());

        publish(inboundId, message);

        MessageAttached attached = awaitAttach(inboundId).dataAs(MessageAttached.class);
        assertThat(attached.record().id()).isEqualTo(opportunity);
        assertThat(attached.decidingRule()).isEqualTo("single candidate");
        assertThat(attached.alerts()).containsExactly(new AlertRecipient(withPrivilege, true),
                new AlertRecipient(without, false));
    }

    @Test
    void aReplyFromAnUnknownNumberCreatesALeadPublishedToTheDirectoryAndIsAttachedToIt() {
        String sam = unique("sam");
        seller(sam, List.of(), false);
        String to = number("206");
        businessNumber(to, List.of(sam), List.of(unique("team")));
        String from = number("425");
        InboundMessageReceived message = message(from, to, "Hello, who is this?");
        String inboundId = EventIds.inboundMessage("twilio", message.providerMessageId());
        String leadId = Leads.leadId(from, 0);

        publish(inboundId, message);

        MessageAttached attached = awaitAttach(inboundId).dataAs(MessageAttached.class);
        RecordRef leadRef = new RecordRef(leadId, RecordType.LEAD, "SMS lead " + E164.masked(from),
                Owner.seller(sam));
        assertThat(attached.record()).isEqualTo(leadRef);
        assertThat(attached.decidingRule()).isEqualTo("new lead");
        assertThat(attached.alerts()).containsExactly(new AlertRecipient(sam, false));
        CloudEventRecord published = KAFKA.awaitOne(Topics.DIRECTORY_RECORDS, e -> leadId.equals(e.key()), WAIT);
        assertThat(published.type()).isEqualTo(EventTypes.DIRECTORY_RECORD_UPSERTED);
        assertThat(published.source()).isEqualTo(EventTypes.SOURCE_ROUTING_SERVICE);
        assertThat(published.id()).isEqualTo(EventIds.derived("lead", inboundId));
        DirectoryRecord lead = published.dataAs(DirectoryRecord.class);
        assertThat(lead.type()).isEqualTo(RecordType.LEAD);
        assertThat(lead.owner()).isEqualTo(Owner.seller(sam));
        assertThat(lead.active()).isTrue();
        assertThat(lead.phones()).containsExactly(new PhoneNumber(PhoneKind.MOBILE, from));
        assertThat(get("/api/admin/records/" + leadId, DirectoryRecord.class)).isEqualTo(lead);
        assertThat(queryOne(db, "SELECT lead_created FROM routing_decision WHERE inbound_event_id = ?", inboundId))
                .isEqualTo(true);
    }

    @Test
    void twoRepliesFromTheSameUnknownNumberPublishedTogetherMakeOneLead() {
        String sam = unique("sam");
        seller(sam, List.of(), true);
        String to = number("206");
        businessNumber(to, List.of(sam), List.of());
        String from = number("425");
        InboundMessageReceived first = message(from, to, "Hi");
        InboundMessageReceived second = message(from, to, "Anyone there?");
        String firstId = EventIds.inboundMessage("twilio", first.providerMessageId());
        String secondId = EventIds.inboundMessage("twilio", second.providerMessageId());

        publish(firstId, first);
        publish(secondId, second);

        String leadId = Leads.leadId(from, 0);
        assertThat(awaitAttach(firstId).dataAs(MessageAttached.class).record().id()).isEqualTo(leadId);
        MessageAttached secondAttached = awaitAttach(secondId).dataAs(MessageAttached.class);
        assertThat(secondAttached.record().id()).isEqualTo(leadId);
        assertThat(secondAttached.decidingRule()).isEqualTo("single candidate");
        assertThat(KAFKA.collect(Topics.DIRECTORY_RECORDS, e -> leadId.equals(e.key()), Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(get("/api/admin/records?phone=" + from.substring(1), DirectoryRecord[].class))
                .extracting(DirectoryRecord::id).containsExactly(leadId);
    }

    @Test
    void aDuplicatedInboundEventMakesOneDecisionAndOneAttachEvent() {
        String sam = unique("sam");
        seller(sam, List.of(), true);
        String to = number("206");
        businessNumber(to, List.of(sam), List.of());
        String from = number("425");
        record(new DirectoryRecord(unique("contact"), RecordType.CONTACT, "Ada", Owner.seller(sam), true, MODIFIED,
                List.of(new PhoneNumber(PhoneKind.MOBILE, from)), null));
        InboundMessageReceived message = message(from, to, "Twice");
        String inboundId = EventIds.inboundMessage("twilio", message.providerMessageId());
        InboundMessageReceived marker = message(from, to, "After");
        String markerId = EventIds.inboundMessage("twilio", marker.providerMessageId());

        publish(inboundId, message);
        publish(inboundId, message);
        // Same key, same partition: once the marker is attached, both copies have been processed.
        publish(markerId, marker);

        awaitAttach(markerId);
        String attachId = EventIds.derived("attach", inboundId);
        assertThat(KAFKA.collect(Topics.MESSAGE_ATTACHMENTS, e -> attachId.equals(e.id()), Duration.ofSeconds(2)))
                .hasSize(1);
        assertThat(((Number) queryOne(db, "SELECT count(*) FROM routing_decision WHERE inbound_event_id = ?",
                inboundId)).intValue()).isEqualTo(1);
    }

    @Test
    void anEventDecidedBeforeACrashButNeverAttachedIsAttachedAsDecidedNotDecidedAgain() throws Exception {
        String from = number("425");
        String to = number("206");
        InboundMessageReceived message = message(from, to, "Decided, then the service died");
        String inboundId = EventIds.inboundMessage("twilio", message.providerMessageId());
        String decidedRecord = unique("contact");
        // What a crash between storing the decision and the broker acknowledging the attach event leaves behind.
        try (var connection = db.getConnection(); var sql = connection.createStatement()) {
            sql.execute("INSERT INTO routing_decision (inbound_event_id, customer_number, business_number, "
                    + "candidates_count, record_id, record_type, record_name, record_owner_seller_id, rule_key, "
                    + "deciding_rule, lead_created, decided_at) VALUES ('" + inboundId + "', '" + from + "', '" + to
                    + "', 2, '" + decidedRecord + "', 'CONTACT', 'Ada', 'sam', 'rule-4', "
                    + "'rule 4: record type contact', false, now())");
            sql.execute("INSERT INTO routing_decision_alert VALUES ('" + inboundId + "', 0, 'sam', true)");
        }

        publish(inboundId, message);

        assertThat(awaitAttach(inboundId).dataAs(MessageAttached.class)).isEqualTo(new MessageAttached(inboundId,
                message, new RecordRef(decidedRecord, RecordType.CONTACT, "Ada", Owner.seller("sam")),
                "rule 4: record type contact", List.of(new AlertRecipient("sam", true))));
        await().atMost(WAIT).until(() -> queryOne(db, "SELECT attach_published_at FROM routing_decision "
                + "WHERE inbound_event_id = ?", inboundId) != null);
        // Not decided again: no lead was made for the (unknown) number.
        assertThat(KAFKA.collect(Topics.DIRECTORY_RECORDS, e -> Leads.leadId(from, 0).equals(e.key()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void poisonEventsAreDeadLetteredWithTheReasonAndTheNextEventIsStillRouted() {
        String from = number("425");
        String to = number("206");
        String key = ConversationKey.of(from, to);
        InboundMessageReceived withoutFrom = new InboundMessageReceived("twilio", unique("SM"), null, to, "x",
                Instant.now(), null, 1);
        // Nobody can reply to an alphanumeric sender id: an event that says someone did is refused, not routed.
        InboundMessageReceived toASenderId = new InboundMessageReceived("twilio", unique("SM"), from, "Contoso",
                "x", Instant.now(), null, 1);
        InboundMessageReceived good = message(from, to, "Still there");
        String goodId = EventIds.inboundMessage("twilio", good.providerMessageId());

        KAFKA.publishRaw(Topics.INBOUND_MESSAGES, key, "not even JSON");
        KAFKA.publishEvent(Topics.INBOUND_MESSAGES, key, unique("id"), EventTypes.INBOUND_MESSAGE_RECEIVED,
                "{\"from\": ");
        KAFKA.publishEvent(Topics.INBOUND_MESSAGES, key, unique("id"), EventTypes.INBOUND_MESSAGE_RECEIVED,
                withoutFrom);
        KAFKA.publishEvent(Topics.INBOUND_MESSAGES, key, unique("id"), EventTypes.INBOUND_MESSAGE_RECEIVED,
                toASenderId);
        publish(goodId, good);

        assertThat(awaitAttach(goodId).dataAs(MessageAttached.class).message()).isEqualTo(good);
        assertThat(awaitRaw("sms.inbound-messages.dlq.routing-service", r -> key.equals(r.key()), 4, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("not a binary-mode CloudEvent"),
                        reason -> assertThat(reason).startsWith("payload is not an InboundMessageReceived in JSON"),
                        reason -> assertThat(reason).isEqualTo("missing field(s): from"),
                        reason -> assertThat(reason).isEqualTo(
                                "to is an alphanumeric sender id, which customers cannot send to"));
    }

    // --- the directory, through the admin API, waiting until the service has stored it

    private static void seller(String id, List<String> teams, boolean privilege) {
        Seller published = put("/api/admin/sellers/" + id, new Seller(id, "Seller " + id, teams, privilege),
                Seller.class);
        await().atMost(WAIT).until(() -> get("/api/admin/sellers/" + id, Seller.class) != null);
        assertThat(published.sellerPrivilege()).isEqualTo(privilege);
    }

    private static void businessNumber(String number, List<String> sellers, List<String> teams) {
        // Digits with the country code, without '+': as the URL path allows it plainly.
        String path = "/api/admin/business-numbers/" + number.substring(1);
        put(path, new BusinessNumber(number, unique("Line"), BusinessNumberType.LONG_CODE, sellers, teams, "twilio"),
                BusinessNumber.class);
        await().atMost(WAIT).until(() -> get(path, BusinessNumber.class) != null);
    }

    private static void record(DirectoryRecord record) {
        DirectoryRecord published = put("/api/admin/records/" + record.id(), record, DirectoryRecord.class);
        await().atMost(WAIT).until(() -> published.equals(get("/api/admin/records/" + record.id(),
                DirectoryRecord.class)));
    }

    // --- inbound events in, attach events out

    private static InboundMessageReceived message(String from, String to, String body) {
        return new InboundMessageReceived("twilio", unique("SM"), from, to, body, Instant.now(), List.of(), 1);
    }

    private static void publish(String inboundId, InboundMessageReceived message) {
        KAFKA.publishEvent(Topics.INBOUND_MESSAGES, ConversationKey.of(message.from(), message.to()), inboundId,
                EventTypes.INBOUND_MESSAGE_RECEIVED, message);
    }

    private static CloudEventRecord awaitAttach(String inboundId) {
        String attachId = EventIds.derived("attach", inboundId);
        return KAFKA.awaitOne(Topics.MESSAGE_ATTACHMENTS, e -> attachId.equals(e.id()), WAIT);
    }
}
