-- Issue 14 item 4: quiet hours. The organisation's window, set by an admin (PUT /api/compliance/quiet-hours); without
-- a row the configured default (conversation.quiet-hours.window, 08:00-20:00) applies. Minutes of the day, the end
-- exclusive (1440 = midnight); a window may wrap midnight.
CREATE TABLE quiet_hours_window (
    organisation VARCHAR(64) PRIMARY KEY,
    start_minute INTEGER     NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER     NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   VARCHAR(128) NOT NULL,
    CHECK (start_minute <> end_minute)
);

-- A seller's send outside the window, kept for the window's start (whenAllowed: true). Stored before the answer, so
-- it survives a restart; released by any replica (SELECT ... FOR UPDATE SKIP LOCKED on the row, so one replica sends
-- it once): the seller's checks run again then, and it becomes the message (message_id) or is refused with the
-- problem a send would have got then (refusal_type, refusal_detail). The text is the one filled when it was asked
-- for. A merge re-points it to the surviving conversation, like the messages.
CREATE TABLE scheduled_send (
    id              UUID         PRIMARY KEY,
    conversation_id UUID         NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seller_id       VARCHAR(128) NOT NULL,
    admin           BOOLEAN      NOT NULL,
    body            TEXT         NOT NULL,
    template_id     VARCHAR(128),
    source_event_id VARCHAR(255) NOT NULL UNIQUE,
    due_at          TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('SCHEDULED', 'SENT', 'REFUSED')),
    created_at      TIMESTAMPTZ  NOT NULL,
    released_at     TIMESTAMPTZ,
    message_id      UUID,
    refusal_type    VARCHAR(64),
    refusal_detail  VARCHAR(1000)
);
-- The release's only read: the due rows, oldest first; released rows drop out of the index.
CREATE INDEX scheduled_send_due ON scheduled_send (due_at) WHERE status = 'SCHEDULED';
CREATE INDEX scheduled_send_by_conversation ON scheduled_send (conversation_id, created_at);
