package io.smsconversations.conversation.template;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.events.RecordType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads what a template is filled from out of the directory projection; each read is one primary-key lookup. */
@ApplicationScoped
public class FillSources {

    /**
     * The record when the caller may see it, with its account's name: an account's own, a contact's account, or an
     * opportunity's customer (an account, or a contact's account).
     */
    private static final String RECORD = """
            SELECT r.type, r.name,
                   CASE WHEN r.type = 'ACCOUNT' THEN r.name
                        WHEN r.type = 'OPPORTUNITY' AND customer.type = 'ACCOUNT' THEN customer.name
                        WHEN r.type = 'OPPORTUNITY' THEN customer_account.name
                        ELSE a.name END AS account_name
            FROM directory_record r
            LEFT JOIN directory_record a ON r.type = 'CONTACT' AND a.id = r.account_id
            LEFT JOIN directory_record customer ON r.type = 'OPPORTUNITY' AND customer.id = r.customer_id
            LEFT JOIN directory_record customer_account ON customer.type = 'CONTACT'
                                                       AND customer_account.id = customer.account_id
            WHERE r.id = $1 AND """ + RecordVisibility.VISIBLE_RECORD;

    private static final String SELLER = "SELECT name FROM directory_seller WHERE id = $1";

    private static final String BUSINESS_NUMBER = "SELECT name FROM directory_business_number WHERE number = $1";

    /** The record part of a filling, or null when the record does not exist or the caller may not see it. */
    public record RecordFacts(RecordType type, String name, String accountName) {
    }

    private final Pool pool;

    FillSources(Pool pool) {
        this.pool = pool;
    }

    public Uni<RecordFacts> record(String recordId, Caller caller) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(recordId, caller.sellerId(), caller.admin()))
                .map(rows -> {
                    RowIterator<Row> iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new RecordFacts(RecordType.valueOf(row.getString("type")), row.getString("name"),
                            row.getString("account_name"));
                });
    }

    /** The seller's display name, null when the directory does not know the seller. */
    public Uni<String> sellerName(String sellerId) {
        return single(SELLER, sellerId);
    }

    /** The business number's name, null when no number is given or the directory does not know it. */
    public Uni<String> businessNumberName(String number) {
        return number == null ? Uni.createFrom().nullItem() : single(BUSINESS_NUMBER, number);
    }

    private Uni<String> single(String sql, String key) {
        return pool.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> {
            RowIterator<Row> iterator = rows.iterator();
            return iterator.hasNext() ? iterator.next().getString("name") : null;
        });
    }
}
