-- SPEC §5 delivery reports: each outbound message shows how far the provider got, and why it failed.
ALTER TABLE message
    ADD COLUMN delivery_status     VARCHAR(16),
    ADD COLUMN failure_reason      VARCHAR(64),
    ADD COLUMN provider_error_code VARCHAR(64),
    ADD COLUMN provider_error_text VARCHAR(512),
    ADD COLUMN status_updated_at   TIMESTAMPTZ;

-- Reports name the message by the provider's id only.
CREATE INDEX message_by_provider_id ON message (provider, provider_message_id);
