package io.smsconversations.conversation.template;

/**
 * Which records a caller may fill a template from. The service has no record-level visibility rule yet (SPEC §5
 * defines visibility for conversations), so this is the record half of it: a record owned by the caller or by one of
 * the caller's teams, in the directory projection now; an admin may use any record. Kept in one place so that a
 * service-wide record rule can replace it.
 */
final class RecordVisibility {

    /** The check on {@code directory_record r} for the seller {@code $2}; {@code $3} is true for an admin. */
    static final String VISIBLE_RECORD = """
            ($3 OR r.owner_seller_id = $2
             OR EXISTS (SELECT 1 FROM directory_seller_team t
                        WHERE t.seller_id = $2 AND t.team_id = r.owner_team_id))""";

    private RecordVisibility() {
    }
}
