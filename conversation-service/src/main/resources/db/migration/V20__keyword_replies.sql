-- Issue 14 item 3: the service answers keywords by itself (the STOP and START confirmations, the HELP text). Such an
-- outbound message has no seller (sent_by null); this says which keyword it answers (OPT_OUT, OPT_IN, HELP), null
-- for every other message. Its source_event_id is 'keyword-reply:<the keyword's attach event>', unique like every
-- message's, so a keyword is answered once however often its event is delivered.
ALTER TABLE message ADD COLUMN auto_reply VARCHAR(16);
