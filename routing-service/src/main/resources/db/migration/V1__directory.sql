-- routing-service owns the directory (a projection of the compacted directory.* topics) and its routing decisions.
-- Every phone number here is E.164 (at most '+' and 15 digits).

-- CRM records: contact, account, opportunity, lead. Owner is a seller or a team (or nobody), never both.
CREATE TABLE directory_record (
    id              VARCHAR(128) PRIMARY KEY,
    type            VARCHAR(16)  NOT NULL CHECK (type IN ('CONTACT', 'ACCOUNT', 'OPPORTUNITY', 'LEAD')),
    name            VARCHAR(255) NOT NULL,
    owner_seller_id VARCHAR(128),
    owner_team_id   VARCHAR(128),
    active          BOOLEAN      NOT NULL,
    modified_on     TIMESTAMPTZ,
    account_id      VARCHAR(128),
    CONSTRAINT directory_record_one_owner CHECK (owner_seller_id IS NULL OR owner_team_id IS NULL)
);

-- A record's phone numbers, in the order the record lists them.
CREATE TABLE directory_record_phone (
    record_id VARCHAR(128) NOT NULL REFERENCES directory_record (id) ON DELETE CASCADE,
    position  INTEGER      NOT NULL,
    kind      VARCHAR(16)  NOT NULL CHECK (kind IN ('BUSINESS', 'MOBILE')),
    number    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (record_id, position)
);
-- Routing looks candidates up by the customer's number on every inbound message: it must never scan.
CREATE INDEX directory_record_phone_number_idx ON directory_record_phone (number);

-- Sellers: id is the OIDC subject.
CREATE TABLE directory_seller (
    id               VARCHAR(128) PRIMARY KEY,
    name             VARCHAR(255) NOT NULL,
    seller_privilege BOOLEAN      NOT NULL
);

-- Team memberships. Teams have no table of their own: a team is known by its id on sellers, records and numbers.
CREATE TABLE directory_seller_team (
    seller_id VARCHAR(128) NOT NULL REFERENCES directory_seller (id) ON DELETE CASCADE,
    team_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (seller_id, team_id)
);
-- "Who are the members of team T" (alerts, routing rule 3).
CREATE INDEX directory_seller_team_team_idx ON directory_seller_team (team_id);

-- Business numbers. The name is unique by SPEC §3, but that is checked by the admin API, not by a constraint here:
-- this table follows a compacted topic whose keys are numbers, so a rename swapping two names may arrive in either
-- order, and a constraint would dead-letter a legitimate update.
CREATE TABLE directory_business_number (
    number   VARCHAR(16)  PRIMARY KEY,
    name     VARCHAR(255) NOT NULL,
    type     VARCHAR(16)  NOT NULL CHECK (type IN ('LONG_CODE', 'SHORT_CODE', 'TOLL_FREE')),
    provider VARCHAR(64)  NOT NULL
);
CREATE INDEX directory_business_number_name_idx ON directory_business_number (name);

CREATE TABLE directory_business_number_seller (
    number    VARCHAR(16)  NOT NULL REFERENCES directory_business_number (number) ON DELETE CASCADE,
    seller_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (number, seller_id)
);
CREATE INDEX directory_business_number_seller_seller_idx ON directory_business_number_seller (seller_id);

CREATE TABLE directory_business_number_team (
    number  VARCHAR(16)  NOT NULL REFERENCES directory_business_number (number) ON DELETE CASCADE,
    team_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (number, team_id)
);
CREATE INDEX directory_business_number_team_team_idx ON directory_business_number_team (team_id);

-- One routing decision per inbound event (its CloudEvents id): the idempotency key of routing. The chosen record is
-- a snapshot at decision time, so a redelivered event republishes exactly the attach event that was decided.
CREATE TABLE routing_decision (
    inbound_event_id       VARCHAR(255) PRIMARY KEY,
    customer_number        VARCHAR(16)  NOT NULL,
    business_number        VARCHAR(16)  NOT NULL,
    candidates_count       INTEGER      NOT NULL,
    record_id              VARCHAR(128) NOT NULL,
    record_type            VARCHAR(16)  NOT NULL,
    record_name            VARCHAR(255) NOT NULL,
    record_owner_seller_id VARCHAR(128),
    record_owner_team_id   VARCHAR(128),
    rule_key               VARCHAR(32)  NOT NULL,
    deciding_rule          VARCHAR(255) NOT NULL,
    lead_created           BOOLEAN      NOT NULL,
    decided_at             TIMESTAMPTZ  NOT NULL,
    attach_published_at    TIMESTAMPTZ
);
-- "Why did replies land on this record?"
CREATE INDEX routing_decision_record_idx ON routing_decision (record_id);

CREATE TABLE routing_decision_candidate (
    inbound_event_id VARCHAR(255) NOT NULL REFERENCES routing_decision (inbound_event_id) ON DELETE CASCADE,
    position         INTEGER      NOT NULL,
    record_id        VARCHAR(128) NOT NULL,
    PRIMARY KEY (inbound_event_id, position)
);

CREATE TABLE routing_decision_alert (
    inbound_event_id VARCHAR(255) NOT NULL REFERENCES routing_decision (inbound_event_id) ON DELETE CASCADE,
    position         INTEGER      NOT NULL,
    seller_id        VARCHAR(128) NOT NULL,
    seller_privilege BOOLEAN      NOT NULL,
    PRIMARY KEY (inbound_event_id, position)
);
