package io.smsconversations.conversation.template;

/**
 * Which records a caller may fill a template from: a record owned by the caller or one of the caller's teams, or a
 * record one of whose conversations the caller sees through its business number or an alert (SPEC §5: the pane of
 * such a conversation must be able to fill templates); an admin may use any record.
 */
final class RecordVisibility {

    /** The check on {@code directory_record r} for the seller {@code $2}; {@code $3} is true for an admin. */
    static final String VISIBLE_RECORD = """
            ($3 OR r.owner_seller_id = $2
             OR EXISTS (SELECT 1 FROM directory_seller_team t
                        WHERE t.seller_id = $2 AND t.team_id = r.owner_team_id)
             OR EXISTS (SELECT 1 FROM conversation c
                        WHERE c.record_id = r.id
                          AND (EXISTS (SELECT 1 FROM conversation_participant p
                                       WHERE p.conversation_id = c.id AND p.seller_id = $2)
                               OR EXISTS (SELECT 1 FROM directory_business_number_seller bs
                                          WHERE bs.number = c.business_number AND bs.seller_id = $2)
                               OR EXISTS (SELECT 1 FROM directory_business_number_team bt
                                          JOIN directory_seller_team t
                                            ON t.team_id = bt.team_id AND t.seller_id = $2
                                          WHERE bt.number = c.business_number))))""";

    private RecordVisibility() {
    }
}
