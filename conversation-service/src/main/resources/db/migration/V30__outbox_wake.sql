-- Wakes the outbox relay (OutboxRelay, through OutboxWake's LISTEN) as soon as a transaction that appended events
-- commits, instead of leaving them until its next poll (up to conversation.outbox.poll-interval, 200 ms: most of the
-- end-to-end latency budget). PostgreSQL delivers a NOTIFY only on commit and folds identical ones of a transaction
-- into one, so this is one notification per committed transaction, whatever it appended; one per statement here.
CREATE FUNCTION outbox_event_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event_added', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_event_added
    AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_wake();
