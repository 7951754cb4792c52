-- MMS media as providers announced them: the provider's URL stays here and never leaves the gateway; events carry the
-- id only, and GET /internal/media/{id} fetches the bytes from the provider with the provider's credentials. The id is
-- derived from (provider, provider_message_id, media_index), so a repeated webhook writes nothing new.
CREATE TABLE inbound_media (
    media_id            UUID          PRIMARY KEY,
    provider            VARCHAR(32)   NOT NULL,
    provider_message_id VARCHAR(128)  NOT NULL,
    media_index         SMALLINT      NOT NULL CHECK (media_index >= 0),
    provider_url        VARCHAR(2048) NOT NULL,
    content_type        VARCHAR(255)  NOT NULL,
    received_at         TIMESTAMPTZ   NOT NULL,
    UNIQUE (provider, provider_message_id, media_index)
);
