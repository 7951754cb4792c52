-- Issue 16: what made the pair's latest opt-out change, so a refused send and the pane name the real cause instead of
-- assuming a keyword: the keyword the customer texted, or the provider that reported the recipient opted out (with
-- its error code, e.g. Twilio 21610).
ALTER TABLE opt_out
    ADD COLUMN cause          VARCHAR(16),
    ADD COLUMN keyword        VARCHAR(16),
    ADD COLUMN provider       VARCHAR(32),
    ADD COLUMN provider_code  VARCHAR(64);

-- Rows written before: a keyword's source event is the attach event of the reply stored with it; any other source was
-- a provider's report (which provider and code it gave was not kept).
UPDATE opt_out o
   SET cause = 'KEYWORD', keyword = left(upper(btrim(m.body, E' \t\r\n')), 16)
  FROM message m
 WHERE m.source_event_id = o.source_event_id;
UPDATE opt_out SET cause = 'PROVIDER_REPORT' WHERE cause IS NULL;

ALTER TABLE opt_out ALTER COLUMN cause SET NOT NULL;
