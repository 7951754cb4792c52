-- Issue 14 item 4: a seller may take back a send kept for the window's opening before it goes out. CANCELLED is
-- final, like SENT and REFUSED; who cancelled it and when are kept for the conversation's history.
ALTER TABLE scheduled_send DROP CONSTRAINT scheduled_send_status_check;
ALTER TABLE scheduled_send ADD CONSTRAINT scheduled_send_status_check
    CHECK (status IN ('SCHEDULED', 'SENT', 'REFUSED', 'CANCELLED'));
ALTER TABLE scheduled_send ADD COLUMN cancelled_by VARCHAR(128);
ALTER TABLE scheduled_send ADD COLUMN cancelled_at TIMESTAMPTZ;
