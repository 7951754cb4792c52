-- conversation-service's own projection of the directory (SPEC §3), fed by the compacted topics directory.records,
-- directory.sellers and directory.business-numbers. Rows are upserted by their key and deleted by tombstones; no
-- foreign key to conversation: a conversation may outlive its record, and entries arrive in any order.

-- Records: who owns them now (a seller or a team) decides who sees their conversations (SPEC §5); name, type and
-- account (a contact's relation) serve the record views.
CREATE TABLE directory_record (
    id              VARCHAR(128) PRIMARY KEY,
    type            VARCHAR(16)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    owner_seller_id VARCHAR(128),
    owner_team_id   VARCHAR(128),
    account_id      VARCHAR(128),
    active          BOOLEAN      NOT NULL,
    modified_on     TIMESTAMPTZ
);
CREATE INDEX directory_record_by_owner_seller ON directory_record (owner_seller_id);
CREATE INDEX directory_record_by_owner_team ON directory_record (owner_team_id);
CREATE INDEX directory_record_by_account ON directory_record (account_id);

-- Sellers and their teams. (seller_id, team_id) answers "my teams"; (team_id, seller_id) "the team's members".
CREATE TABLE directory_seller (
    id               VARCHAR(128) PRIMARY KEY,
    name             VARCHAR(255) NOT NULL,
    seller_privilege BOOLEAN      NOT NULL
);
CREATE TABLE directory_seller_team (
    seller_id VARCHAR(128) NOT NULL REFERENCES directory_seller (id) ON DELETE CASCADE,
    team_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (seller_id, team_id)
);
CREATE INDEX directory_seller_team_by_team ON directory_seller_team (team_id, seller_id);

-- Business numbers and their owners (sellers and/or teams).
CREATE TABLE directory_business_number (
    number   VARCHAR(32)  PRIMARY KEY,
    name     VARCHAR(255) NOT NULL,
    type     VARCHAR(16)  NOT NULL,
    provider VARCHAR(64)  NOT NULL
);
CREATE TABLE directory_business_number_seller (
    number    VARCHAR(32)  NOT NULL REFERENCES directory_business_number (number) ON DELETE CASCADE,
    seller_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (number, seller_id)
);
CREATE INDEX directory_business_number_seller_by_seller ON directory_business_number_seller (seller_id, number);
CREATE TABLE directory_business_number_team (
    number  VARCHAR(32)  NOT NULL REFERENCES directory_business_number (number) ON DELETE CASCADE,
    team_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (number, team_id)
);
CREATE INDEX directory_business_number_team_by_team ON directory_business_number_team (team_id, number);

-- Visibility checks go from a conversation to its business number's owners and its record (record_id is the
-- leading column of conversation_identity already).
CREATE INDEX conversation_by_business_number ON conversation (business_number);

-- Until now the record's owner seller at attach time was stored as a participant. The owner is now read from the
-- projection (a re-assigned record changes who sees it), so participants are the alerted sellers only: drop the
-- owner rows that no alert of the conversation accounts for.
DELETE FROM conversation_participant p
USING conversation c
WHERE p.conversation_id = c.id
  AND p.seller_id = c.record_owner_seller_id
  AND NOT EXISTS (SELECT 1 FROM message m
                  WHERE m.conversation_id = c.id
                    AND m.alerts @> jsonb_build_object('items', jsonb_build_array(
                            jsonb_build_object('sellerId', p.seller_id))));
