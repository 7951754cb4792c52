-- The outbound ledger: one row per send request (its idempotency key), written before the provider is called and
-- completed with the provider's answer, so a redelivered request is answered from here instead of being sent again.
CREATE TABLE send_request (
    request_id          VARCHAR(128) PRIMARY KEY,
    provider            VARCHAR(32)  NOT NULL,
    conversation_id     VARCHAR(128),
    message_id          VARCHAR(128) NOT NULL,
    -- IN_FLIGHT: recorded, the provider may or may not have it; ACCEPTED / FAILED: the outcome, published.
    state               VARCHAR(16)  NOT NULL CHECK (state IN ('IN_FLIGHT', 'ACCEPTED', 'FAILED')),
    -- The first time it was handed to a provider: ACS's Repeatability-First-Sent must repeat it exactly.
    first_sent_at       TIMESTAMPTZ  NOT NULL,
    -- How often the request was delivered to the gateway (1 = once; more = redelivered).
    deliveries          INTEGER      NOT NULL DEFAULT 1,
    provider_message_id VARCHAR(128),
    failure_reason      VARCHAR(64),
    provider_code       VARCHAR(64),
    provider_text       VARCHAR(512),
    completed_at        TIMESTAMPTZ
);
