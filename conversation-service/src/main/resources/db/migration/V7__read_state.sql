-- SPEC §5 "with unread counts": how far each seller has read each conversation. The mark is a position in the
-- history's order (occurred_at, id), so "unread" means exactly the inbound messages after it in the pane; it only
-- moves forward. A conversation's marks go with it (a merge by a move may delete the conversation row).
CREATE TABLE conversation_read (
    conversation_id UUID         NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seller_id       VARCHAR(128) NOT NULL,
    read_at         TIMESTAMPTZ  NOT NULL,
    read_message_id UUID         NOT NULL,
    marked_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (conversation_id, seller_id)
);

-- Unread counts and the unread=true filter count the inbound messages after the mark: a range scan of this index
-- from the mark on, answered from the index alone (every column it needs is in it).
CREATE INDEX message_inbound_history ON message (conversation_id, occurred_at, id) WHERE direction = 'INBOUND';

-- "My SMS conversations" filtered by record type walks this index newest first, as the unfiltered list walks
-- conversation_by_activity, instead of skipping the other types' rows.
CREATE INDEX conversation_by_type_activity ON conversation (record_type, last_activity_at DESC, id DESC);
