-- A conversation is the thread between one customer number and one business number on one record (SPEC §3).
-- The record is a snapshot of what routing-service told us when the thread started; ids are UUIDs made by the
-- service, so no sequence has to agree with Hibernate.
CREATE TABLE conversation (
    id                     UUID         PRIMARY KEY,
    record_id              VARCHAR(64)  NOT NULL,
    record_type            VARCHAR(16)  NOT NULL,
    record_name            VARCHAR(255),
    record_owner_seller_id VARCHAR(64),
    record_owner_team_id   VARCHAR(64),
    customer_number        VARCHAR(16)  NOT NULL,
    business_number        VARCHAR(16)  NOT NULL,
    created_at             TIMESTAMPTZ  NOT NULL,
    last_activity_at       TIMESTAMPTZ  NOT NULL,
    -- the identity of a conversation; find-or-create relies on it (INSERT ... ON CONFLICT)
    CONSTRAINT conversation_identity UNIQUE (record_id, customer_number, business_number)
);

-- "My conversations" for an admin: newest activity first, keyset-paged on (last_activity_at, id).
CREATE INDEX conversation_by_activity ON conversation (last_activity_at DESC, id DESC);

CREATE TABLE message (
    id                  UUID         PRIMARY KEY,
    conversation_id     UUID         NOT NULL REFERENCES conversation (id),
    -- the CloudEvents id of the event that made this message: a repeat of the event never makes a second message
    source_event_id     VARCHAR(255) NOT NULL,
    direction           VARCHAR(16)  NOT NULL,
    body                TEXT,
    from_number         VARCHAR(16)  NOT NULL,
    to_number           VARCHAR(16)  NOT NULL,
    provider            VARCHAR(32),
    provider_message_id VARCHAR(128),
    occurred_at         TIMESTAMPTZ  NOT NULL,
    stored_at           TIMESTAMPTZ  NOT NULL,
    segments            INTEGER      NOT NULL DEFAULT 1,
    -- MMS attachments, {"items": [{"url": ..., "contentType": ...}]}: addresses at the provider, never bytes
    media               JSONB        NOT NULL DEFAULT '{"items": []}',
    -- who was alerted about the message as routing-service decided, {"items": [{"sellerId": ..., "sellerPrivilege": ...}]};
    -- kept so that a re-published ConversationMessageAdded is the same event as the first one
    alerts              JSONB        NOT NULL DEFAULT '{"items": []}',
    CONSTRAINT message_source_event UNIQUE (source_event_id)
);

-- The history of a conversation, oldest to newest, keyset-paged on (occurred_at, id); also serves the
-- "last message" preview of the conversation list.
CREATE INDEX message_history ON message (conversation_id, occurred_at, id);

-- Who may see a conversation, for now: the sellers alerted about its messages and the record's owner seller.
-- (Team and number assignments arrive with the directory projections.)
CREATE TABLE conversation_participant (
    conversation_id UUID        NOT NULL REFERENCES conversation (id),
    seller_id       VARCHAR(64) NOT NULL,
    PRIMARY KEY (conversation_id, seller_id)
);

-- "My conversations" for a seller.
CREATE INDEX conversation_participant_by_seller ON conversation_participant (seller_id, conversation_id);
