-- One in-app notification for one seller. The id is an ever-growing identity: it is the SSE event id, so a client
-- that reconnects with Last-Event-ID can ask for what came after it.
CREATE TABLE notification (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id     VARCHAR(255) NOT NULL,
    kind             VARCHAR(64)  NOT NULL,
    title            VARCHAR(255) NOT NULL,
    text             TEXT         NOT NULL,
    -- the link: the conversation and/or the record the notification is about
    conversation_id  VARCHAR(255),
    record_id        VARCHAR(255),
    record_type      VARCHAR(16),
    -- the CloudEvents id of the event that caused it: with recipient and kind, what makes a redelivery a no-op
    source_event_id  VARCHAR(255) NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    read_at          TIMESTAMPTZ,
    CONSTRAINT notification_once_per_event UNIQUE (source_event_id, recipient_id, kind)
);

-- "my notifications, newest first", paged with a keyset cursor; id breaks ties of one transaction's created_at
CREATE INDEX notification_recipient_newest ON notification (recipient_id, created_at DESC, id DESC);
