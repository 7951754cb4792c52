-- Issue 4: an opportunity's relations (SPEC §3) and named teams.

-- An opportunity's customer: a contact or an account. Not a foreign key: the directory follows compacted topics, where
-- the opportunity may arrive before its customer (or outlive it), and a constraint would dead-letter a legitimate entry.
ALTER TABLE directory_record ADD COLUMN customer_id VARCHAR(128);

-- The contacts an opportunity lists as related, in its order. Indexed by contact: "the opportunities related to this
-- contact" is how a contact's conversations offer its opportunities (SPEC §5).
CREATE TABLE directory_record_related_contact (
    record_id  VARCHAR(128) NOT NULL REFERENCES directory_record (id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    contact_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (record_id, position)
);
CREATE INDEX directory_record_related_contact_contact_idx ON directory_record_related_contact (contact_id);

-- Teams by name (directory.teams). Members are not stored here: they are the sellers naming the team
-- (directory_seller_team), so membership has one source only. A team may be named by sellers, records and numbers
-- before (or without) having a row here.
CREATE TABLE directory_team (
    id   VARCHAR(128) PRIMARY KEY,
    name VARCHAR(255) NOT NULL
);
