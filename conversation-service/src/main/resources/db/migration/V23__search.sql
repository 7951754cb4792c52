-- Issue 14 item 5: full-text search over conversations, by message body, record name and customer number. The
-- 'simple' configuration (no stemming, no stop words): bodies are in any language (English and French at least), and
-- a seller searches for the words they remember. Expression indexes, not generated columns: the entities' native
-- queries read "c.*" and "m.*", which a tsvector column would break; the search repeats the indexed expressions.
CREATE INDEX message_body_search ON message USING GIN (to_tsvector('simple', coalesce(body, '')));
CREATE INDEX conversation_record_search ON conversation USING GIN (to_tsvector('simple', coalesce(record_name, '')));
-- A customer number, typed in any format and normalised to E.164 first.
CREATE INDEX conversation_by_customer_number ON conversation (customer_number);
