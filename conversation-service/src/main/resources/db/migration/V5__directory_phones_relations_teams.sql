-- The rest of the directory the seller-facing API needs (SPEC §3, §5): a record's phone numbers (a send goes only to
-- one of them; the record view lists conversations per number), an opportunity's customer and related contacts (a
-- contact's view offers its opportunities), and teams with their names.

CREATE TABLE directory_record_phone (
    record_id VARCHAR(128) NOT NULL REFERENCES directory_record (id) ON DELETE CASCADE,
    number    VARCHAR(32)  NOT NULL,
    kind      VARCHAR(16)  NOT NULL,
    PRIMARY KEY (record_id, number)
);
-- "Which records have this number" (opening a conversation from a number).
CREATE INDEX directory_record_phone_by_number ON directory_record_phone (number);

ALTER TABLE directory_record ADD COLUMN customer_id VARCHAR(128);
-- An account's or a contact's opportunities.
CREATE INDEX directory_record_by_customer ON directory_record (customer_id);

CREATE TABLE directory_record_related_contact (
    record_id  VARCHAR(128) NOT NULL REFERENCES directory_record (id) ON DELETE CASCADE,
    contact_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (record_id, contact_id)
);
-- A contact's opportunities that list it as related.
CREATE INDEX directory_record_related_contact_by_contact ON directory_record_related_contact (contact_id, record_id);

CREATE TABLE directory_team (
    id   VARCHAR(128) PRIMARY KEY,
    name VARCHAR(255) NOT NULL
);
