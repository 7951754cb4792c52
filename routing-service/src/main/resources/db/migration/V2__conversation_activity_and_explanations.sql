-- Issue 4: rule 1 of SPEC §4 (a projection of conversation activity) and explainable decisions.

-- The most recent conversation activity between a customer number and a business number: which record holds it, and
-- when. Fed by sms.conversation-events (ConversationMessageAdded today; a "conversation moved" event later upserts the
-- same row with the new record). Routing rule 1 reads it by primary key on every inbound message.
-- The row only moves forward in time, so events may be replayed or arrive twice without moving it back.
CREATE TABLE conversation_activity (
    customer_number VARCHAR(16)  NOT NULL,
    business_number VARCHAR(16)  NOT NULL,
    record_id       VARCHAR(128) NOT NULL,
    conversation_id VARCHAR(128),
    occurred_at     TIMESTAMPTZ  NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    event_type      VARCHAR(128) NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (customer_number, business_number)
);

-- What a decision looked at, so an admin can ask why a reply landed where it did. Nullable: decisions stored before
-- this migration have none of it (the explanation then says so).
ALTER TABLE routing_decision
    ADD COLUMN provider                    VARCHAR(64),
    ADD COLUMN provider_message_id         VARCHAR(255),
    ADD COLUMN last_conversation_record_id VARCHAR(128),
    ADD COLUMN last_conversation_at        TIMESTAMPTZ,
    -- JSON: the business number's owner sellers and teams, the team memberships of the candidates' owner sellers,
    -- and how many candidates each rule kept. Read only by the explanation API.
    ADD COLUMN inputs                      TEXT;
-- "Why did this reply land there?" is asked by provider message id.
CREATE INDEX routing_decision_provider_message_idx ON routing_decision (provider_message_id, provider);

-- Each candidate as it was when the decision was made.
ALTER TABLE routing_decision_candidate
    ADD COLUMN record_type     VARCHAR(16),
    ADD COLUMN record_name     VARCHAR(255),
    ADD COLUMN owner_seller_id VARCHAR(128),
    ADD COLUMN owner_team_id   VARCHAR(128),
    ADD COLUMN active          BOOLEAN,
    ADD COLUMN modified_on     TIMESTAMPTZ;
