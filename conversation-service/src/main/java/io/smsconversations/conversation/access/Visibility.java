package io.smsconversations.conversation.access;

/**
 * Who may see what (SPEC §5), as SQL conditions on the directory projection <em>now</em>: a seller sees a conversation
 * when its record or its business number is assigned to the seller or to one of the seller's teams, and a record when
 * it is assigned to them (by self or team) or when they see one of its conversations through its business number.
 * Admins see all; callers skip the condition for them.
 * <p>
 * Nothing here remembers an earlier right: having been alerted about a message, or having owned the record or the
 * number before, grants nothing once the assignment has changed. The seller is the named parameter
 * {@code :sellerId}; a caller using positional parameters replaces it (e.g. {@code .replace(":sellerId", "$2")}).
 * Every branch is an index probe: primary keys of the projection tables, {@code conversation_identity} (led by
 * {@code record_id}).
 */
public final class Visibility {

    /** The business number of {@code conversation c} is the seller's or one of the seller's teams'. */
    private static final String NUMBER_OF_CONVERSATION = """
            (EXISTS (SELECT 1 FROM directory_business_number_seller bs
                     WHERE bs.number = %1$s.business_number AND bs.seller_id = :sellerId)
             OR EXISTS (SELECT 1 FROM directory_business_number_team bt
                        JOIN directory_seller_team t ON t.team_id = bt.team_id AND t.seller_id = :sellerId
                        WHERE bt.number = %1$s.business_number))""";

    /**
     * The check on {@code conversation c}. The conversation's own record snapshot stands in for the owner only while
     * the projection does not know the record at all (a lead routing has just created, or a deleted record).
     * <p>
     * The record's part is a scalar subquery (true or false when the projection has the record, null when it does
     * not, and then the snapshot decides), not {@code EXISTS}: PostgreSQL may run an uncorrelatable {@code EXISTS}
     * as a hashed sub-plan, and did for the list, reading <em>all</em> the seller's records
     * ({@code directory_record_by_owner_seller}) once per page before walking the conversations: a cost that grows
     * with the records a seller owns, not with the page. A scalar subquery is never hashed: it is one probe of
     * {@code directory_record_pkey} per conversation walked. The number's branches stay {@code EXISTS}: hashing
     * them reads the seller's business numbers and teams, a handful.
     */
    public static final String CONVERSATION = """
            (COALESCE(
                (SELECT COALESCE(r.owner_seller_id = :sellerId, FALSE)
                        OR EXISTS (SELECT 1 FROM directory_seller_team t
                                   WHERE t.team_id = r.owner_team_id AND t.seller_id = :sellerId)
                 FROM directory_record r WHERE r.id = c.record_id),
                COALESCE(c.record_owner_seller_id = :sellerId, FALSE)
                OR EXISTS (SELECT 1 FROM directory_seller_team t
                           WHERE t.seller_id = :sellerId AND t.team_id = c.record_owner_team_id))
             OR """ + NUMBER_OF_CONVERSATION.formatted("c") + ")";

    private Visibility() {
    }

    /**
     * The check on the directory record aliased {@code alias}: assigned to the seller or one of the seller's teams,
     * or one of its conversations is on a business number of theirs (the pane of such a conversation must be able to
     * show its record). Its own aliases ({@code vt}, {@code vc}) do not clash with the caller's.
     */
    public static String record(String alias) {
        return """
                (%1$s.owner_seller_id = :sellerId
                 OR EXISTS (SELECT 1 FROM directory_seller_team vt
                            WHERE vt.seller_id = :sellerId AND vt.team_id = %1$s.owner_team_id)
                 OR EXISTS (SELECT 1 FROM conversation vc
                            WHERE vc.record_id = %1$s.id AND %2$s))"""
                .formatted(alias, NUMBER_OF_CONVERSATION.formatted("vc"));
    }
}
