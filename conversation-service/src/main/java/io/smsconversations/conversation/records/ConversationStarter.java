package io.smsconversations.conversation.records;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Visibility;
import io.smsconversations.conversation.directory.SendingNumberQueries;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.thread.ConversationView;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;
import io.smsconversations.restproblems.Problem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Open or start the conversation for a record, a customer number and a business number (SPEC §5, the work-list way
 * in). The checks come in this order, each with its own answer: the record exists in the directory and the caller may
 * see it (404, one answer for both, before anything else, so neither the answer nor the order of the refusals tells
 * whether a record the caller may not see exists), the business number is E.164 (422) and one the caller may send
 * from (403), the customer number is a phone number (422) and one of the record's (422). Checking the business number
 * before the record's numbers means a caller who may not use the number learns nothing about the record's numbers.
 * <p>
 * Starting publishes no event: an empty conversation changes nothing another service keeps. Its first message
 * (a send, or a reply routed to it) is announced as usual and carries the conversation with it.
 */
@ApplicationScoped
public class ConversationStarter {

    private static final Logger LOG = Logger.getLogger(ConversationStarter.class);

    /** conversation.record_id (V1) is shorter than directory_record.id (V3). */
    private static final int MAX_RECORD_ID = 64;

    /** The record, when the caller ({@code $2}, an admin when {@code $3}) may see it (SPEC §5). */
    private static final String RECORD = """
            SELECT r.type, r.name, r.owner_seller_id, r.owner_team_id FROM directory_record r
            WHERE r.id = $1 AND ($3 OR %s)""".formatted(Visibility.record("r").replace(":sellerId", "$2"));

    private static final String RECORD_PHONE = """
            SELECT 1 FROM directory_record_phone WHERE record_id = $1 AND number = $2""";

    // Race-safe and idempotent on the conversation's identity (V1's conversation_identity): of two concurrent starts,
    // or a start racing a routed message, one inserts and the other finds its row.
    private static final String CREATE = """
            INSERT INTO conversation (id, record_id, record_type, record_name, record_owner_seller_id,
                    record_owner_team_id, customer_number, business_number, created_at, last_activity_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            ON CONFLICT (record_id, customer_number, business_number) DO NOTHING
            RETURNING id""";

    private static final String FIND = """
            SELECT id FROM conversation WHERE record_id = $1 AND customer_number = $2 AND business_number = $3""";

    /** The conversation, and whether this call created it. */
    public record Opened(ConversationView conversation, boolean created) {
    }

    private final Pool pool;
    private final SendingNumberQueries sendingNumbers;
    private final ConversationQueries conversations;

    ConversationStarter(Pool pool, SendingNumberQueries sendingNumbers, ConversationQueries conversations) {
        this.pool = pool;
        this.sendingNumbers = sendingNumbers;
        this.conversations = conversations;
    }

    public Uni<Opened> open(Caller caller, String recordId, OpenConversationRequest request) {
        return visibleRecord(caller, recordId)
                .chain(record -> checkedNumbers(caller, recordId, request)
                        .chain(numbers -> findOrCreate(recordId, record, numbers.customer(), numbers.business())))
                .chain(opened -> conversations.find(caller, opened.id())
                        // The caller may use the business number, so the conversation is visible to them.
                        .onItem().ifNull().failWith(() -> new NotFoundException("There is no conversation you may see"))
                        .map(view -> new Opened(view, opened.created())));
    }

    private Uni<Row> visibleRecord(Caller caller, String recordId) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(recordId, caller.sellerId(), caller.admin()))
                .map(records -> {
                    if (records.size() == 0) {
                        throw new NotFoundException("There is no record with this id that you may see");
                    }
                    return records.iterator().next();
                });
    }

    /** The two numbers in E.164, once the caller may use the business number and the customer's is the record's. */
    private Uni<Numbers> checkedNumbers(Caller caller, String recordId, OpenConversationRequest request) {
        BusinessAddress address = BusinessAddress.parse(request.businessNumber(), null, null).orElseThrow(
                () -> unprocessable("businessNumber is not " + BusinessAddress.EXPECTED));
        String business = address.key();
        return sendingNumbers.mayUse(caller, business).chain(mayUse -> {
            if (!mayUse) {
                throw new ForbiddenException(
                        "You may not use this business number: it is not assigned to you or one of your teams");
            }
            String customer = E164.normalise(request.customerNumber(), address.country())
                    .orElseThrow(() -> unprocessable("customerNumber is not a valid phone number"));
            return pool.preparedQuery(RECORD_PHONE).execute(Tuple.of(recordId, customer)).map(phones -> {
                if (phones.size() == 0) {
                    throw unprocessable("customerNumber is not one of the record's phone numbers");
                }
                if (recordId.length() > MAX_RECORD_ID) {
                    throw unprocessable("the record id is longer than " + MAX_RECORD_ID
                            + " characters, more than a conversation holds");
                }
                return new Numbers(customer, business);
            });
        });
    }

    private Uni<Found> findOrCreate(String recordId, Row record, String customer, String business) {
        Tuple row = Tuple.tuple()
                .addValue(UUID.randomUUID())
                .addValue(recordId)
                .addValue(record.getString("type"))
                .addValue(record.getString("name"))
                .addValue(record.getString("owner_seller_id"))
                .addValue(record.getString("owner_team_id"))
                .addValue(customer)
                .addValue(business)
                .addValue(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        return pool.preparedQuery(CREATE).execute(row).chain(created -> {
            if (created.size() > 0) {
                UUID id = created.iterator().next().getUUID("id");
                LOG.infof("conversation %s started for record %s (customer %s)", id, recordId, E164.masked(customer));
                return Uni.createFrom().item(new Found(id, true));
            }
            return pool.preparedQuery(FIND).execute(Tuple.of(recordId, customer, business))
                    .map(found -> new Found(found.iterator().next().getUUID("id"), false));
        });
    }

    private static HttpProblem unprocessable(String detail) {
        return Problem.of(422).detail(detail).build();
    }

    private record Found(UUID id, boolean created) {
    }

    private record Numbers(String customer, String business) {
    }
}
