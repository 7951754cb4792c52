-- Issue 5 (SPEC §5, §6): the transactional outbox, sending, send results, early delivery reports and moves.

-- Every event the service announces is written here in the transaction of the state change it announces; the relay
-- (OutboxRelay) publishes pending rows in id order and stamps published_at. The payload is `json`, not `jsonb`, so
-- the bytes published are exactly the bytes written (field order kept).
CREATE TABLE outbox_event (
    id           BIGSERIAL    PRIMARY KEY,
    topic        VARCHAR(128) NOT NULL,
    message_key  VARCHAR(255),
    ce_id        VARCHAR(255) NOT NULL,
    ce_type      VARCHAR(255) NOT NULL,
    ce_subject   VARCHAR(255),
    ce_time      TIMESTAMPTZ  NOT NULL,
    payload      JSON         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
-- The relay's only read: the oldest pending rows. Published rows drop out of the index.
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE published_at IS NULL;

-- Outbound messages: who sent them and from which template (null: typed by hand).
ALTER TABLE message
    ADD COLUMN sent_by     VARCHAR(128),
    ADD COLUMN template_id VARCHAR(128);

-- The send results applied, by CloudEvents id: a redelivered SendAccepted/SendFailed changes nothing.
CREATE TABLE send_result (
    event_id    VARCHAR(255) PRIMARY KEY,
    message_id  UUID         NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);

-- Delivery reports that named a provider message id no message carries yet (the report overtook the SendAccepted
-- that tells which message it is): kept until that SendAccepted arrives, then applied and deleted.
CREATE TABLE pending_delivery_report (
    event_id            VARCHAR(255) PRIMARY KEY,
    provider            VARCHAR(32)  NOT NULL,
    provider_message_id VARCHAR(128) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    failure_reason      VARCHAR(64),
    provider_error_code VARCHAR(64),
    provider_error_text VARCHAR(512),
    reported_at         TIMESTAMPTZ  NOT NULL,
    received_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX pending_delivery_report_by_message ON pending_delivery_report (provider, provider_message_id);

-- Who moved a conversation, when, from which record to which (SPEC §5). conversation_id is the conversation as it is
-- now (re-pointed when it is later merged into another); from_conversation_id is the id it had before this move.
-- No foreign key: the conversation a move was merged out of no longer exists.
CREATE TABLE conversation_move (
    id                   UUID         PRIMARY KEY,
    conversation_id      UUID         NOT NULL,
    from_conversation_id UUID         NOT NULL,
    from_record_id       VARCHAR(128) NOT NULL,
    from_record_type     VARCHAR(16)  NOT NULL,
    from_record_name     VARCHAR(255),
    to_record_id         VARCHAR(128) NOT NULL,
    to_record_type       VARCHAR(16)  NOT NULL,
    to_record_name       VARCHAR(255),
    moved_by             VARCHAR(128) NOT NULL,
    moved_at             TIMESTAMPTZ  NOT NULL,
    merged               BOOLEAN      NOT NULL
);
CREATE INDEX conversation_move_by_conversation ON conversation_move (conversation_id, moved_at, id);
