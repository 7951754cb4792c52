-- Who is sending a request right now, and until when. A replica that receives a request another replica still holds
-- (a rebalance while the owner is calling the provider) waits for the row instead of calling the provider again; a
-- lease that ended without an outcome means the outcome is unknown and is looked up at the provider first.
ALTER TABLE send_request ADD COLUMN owner VARCHAR(128);
-- NULL for rows written before leases existed: treated as ended.
ALTER TABLE send_request ADD COLUMN lease_until TIMESTAMPTZ;

-- A lookup by content (Twilio) may find messages of other requests: the ledger says which ids are taken.
CREATE INDEX send_request_provider_message ON send_request (provider, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
