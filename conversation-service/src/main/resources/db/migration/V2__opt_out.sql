-- SPEC §6: a customer number that texted an opt-out keyword to a business number; no message goes to it from that
-- number until it opts in again. One row per pair, holding the latest change.
CREATE TABLE opt_out (
    customer_number  VARCHAR(32)  NOT NULL,
    business_number  VARCHAR(32)  NOT NULL,
    opted_out        BOOLEAN      NOT NULL,
    changed_at       TIMESTAMPTZ  NOT NULL,
    source_event_id  VARCHAR(128) NOT NULL,
    PRIMARY KEY (customer_number, business_number)
);
