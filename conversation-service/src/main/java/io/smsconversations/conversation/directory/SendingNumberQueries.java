package io.smsconversations.conversation.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.SendingCapabilities;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** "My sending numbers": the business numbers owned by the caller or one of the caller's teams; an admin's: all. */
@ApplicationScoped
public class SendingNumberQueries {

    private static final String ALL = """
            SELECT b.number, b.name, b.type, b.provider FROM directory_business_number b
            ORDER BY b.name, b.number""";

    // Both branches are index lookups by seller (directory_business_number_seller_by_seller,
    // directory_seller_team's primary key, directory_business_number_team_by_team).
    private static final String OWNED_BY_SELLER = """
            SELECT b.number, b.name, b.type, b.provider FROM directory_business_number b
            WHERE b.number IN (
                SELECT bs.number FROM directory_business_number_seller bs WHERE bs.seller_id = $1
                UNION
                SELECT bt.number FROM directory_business_number_team bt
                JOIN directory_seller_team t ON t.team_id = bt.team_id
                WHERE t.seller_id = $1)
            ORDER BY b.name, b.number""";

    private static final String EXISTS = "SELECT 1 FROM directory_business_number WHERE number = $1";

    private static final String OWNED_BY_SELLER_EXISTS = """
            SELECT 1 FROM directory_business_number_seller bs WHERE bs.number = $1 AND bs.seller_id = $2
            UNION ALL
            SELECT 1 FROM directory_business_number_team bt
            JOIN directory_seller_team t ON t.team_id = bt.team_id AND t.seller_id = $2
            WHERE bt.number = $1
            LIMIT 1""";

    private final Pool pool;

    SendingNumberQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<SendingNumbers> of(Caller caller) {
        return of(caller, null);
    }

    /**
     * @param customerNumber the customer the pane would send to (E.164), or null: each number is then marked only
     *                       for what its provider cannot send from ({@link SendingCapabilities})
     */
    public Uni<SendingNumbers> of(Caller caller, String customerNumber) {
        Uni<RowSet<Row>> rows = caller.admin()
                ? pool.query(ALL).execute()
                : pool.preparedQuery(OWNED_BY_SELLER).execute(Tuple.of(caller.sellerId()));
        return rows.map(set -> {
            List<SendingNumber> items = new ArrayList<>();
            for (Row row : set) {
                String number = row.getString("number");
                String provider = row.getString("provider");
                items.add(new SendingNumber(number, row.getString("name"),
                        BusinessNumberType.valueOf(row.getString("type")), provider,
                        cannotSend(number, provider, customerNumber)));
            }
            return new SendingNumbers(List.copyOf(items));
        });
    }

    /** The send check's words (send/SenderCapability), so the list and the refusal never disagree. */
    private static String cannotSend(String number, String provider, String customerNumber) {
        return BusinessAddress.ofKey(number)
                .map(from -> customerNumber == null ? SendingCapabilities.unusable(provider, from)
                        : SendingCapabilities.refusal(provider, from, customerNumber))
                .orElse(Optional.of("it is not " + BusinessAddress.EXPECTED)).orElse(null);
    }

    /**
     * Whether {@code caller} may send from {@code number} (a business number's key): it is owned by them or one of their teams; for an
     * admin, it is a business number at all. One index lookup; for the send checks.
     */
    public Uni<Boolean> mayUse(Caller caller, String number) {
        Uni<RowSet<Row>> rows = caller.admin()
                ? pool.preparedQuery(EXISTS).execute(Tuple.of(number))
                : pool.preparedQuery(OWNED_BY_SELLER_EXISTS).execute(Tuple.of(number, caller.sellerId()));
        return rows.map(set -> set.size() > 0);
    }
}
