-- Issue 14 item 6: response-time insight, kept up to date as messages are stored (never computed by scanning them).
-- Per conversation: its first customer message and the first seller answer after it (who, when), the customer
-- messages since the last seller answer (count and the oldest's time), and the answered runs (count and total time
-- from the run's first message to the answer, for an average). Keyword replies (STOP, HELP, ...) are answered
-- automatically and count as neither; neither do the automatic answers.
CREATE TABLE response_time (
    conversation_id   UUID         PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
    first_inbound_at  TIMESTAMPTZ,
    first_response_at TIMESTAMPTZ,
    first_responder   VARCHAR(128),
    last_inbound_at   TIMESTAMPTZ,
    last_response_at  TIMESTAMPTZ,
    unanswered_count  INTEGER      NOT NULL DEFAULT 0,
    unanswered_since  TIMESTAMPTZ,
    responses         INTEGER      NOT NULL DEFAULT 0,
    total_response_ms BIGINT       NOT NULL DEFAULT 0
);
-- A seller's unanswered messages: only the conversations awaiting an answer, then the visibility probes.
CREATE INDEX response_time_unanswered ON response_time (conversation_id) WHERE unanswered_count > 0;

-- Per seller: the answers they gave to waiting customers (count, total time), and the first answers of conversations
-- among them (count, total time from the conversation's first customer message).
CREATE TABLE seller_response_time (
    seller_id               VARCHAR(128) PRIMARY KEY,
    responses               INTEGER      NOT NULL DEFAULT 0,
    total_response_ms       BIGINT       NOT NULL DEFAULT 0,
    first_responses         INTEGER      NOT NULL DEFAULT 0,
    total_first_response_ms BIGINT       NOT NULL DEFAULT 0,
    updated_at              TIMESTAMPTZ  NOT NULL
);
