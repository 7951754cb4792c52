-- Fan-out between replicas: every committed notification is announced on the channel "notification_created" with
-- the payload "<id> <recipient_id>". PostgreSQL delivers a NOTIFY only when (and if) the inserting transaction
-- commits, so each replica's LISTEN sees exactly the notifications that really exist, whichever replica stored them.
CREATE FUNCTION notification_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('notification_created', NEW.id::text || ' ' || NEW.recipient_id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER notification_created
    AFTER INSERT ON notification
    FOR EACH ROW EXECUTE FUNCTION notification_announce();

-- "how many unread", "unread first" and "mark all read" only look at a seller's unread rows
CREATE INDEX notification_recipient_unread ON notification (recipient_id, created_at DESC, id DESC)
    WHERE read_at IS NULL;
