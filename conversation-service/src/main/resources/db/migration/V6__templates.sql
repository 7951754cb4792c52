-- Message templates (SPEC §5): personal ones belong to one seller (the OIDC subject), organisation ones to nobody
-- and are managed by sms-admins. The body is checked by the service (placeholders against the known fields) before
-- it is stored; the constraints below only keep a stray write from storing what the API would refuse.
CREATE TABLE message_template (
    id              UUID         PRIMARY KEY,
    name            VARCHAR(100) NOT NULL CHECK (char_length(btrim(name)) > 0),
    category        VARCHAR(16)  NOT NULL CHECK (category IN ('CONTACT', 'ACCOUNT', 'OPPORTUNITY', 'LEAD')),
    -- A BCP 47 tag in its canonical form (en-US, zh-Hant-TW), so an exact or prefix match finds it.
    language        VARCHAR(35)  NOT NULL,
    body            TEXT         NOT NULL CHECK (char_length(body) BETWEEN 1 AND 1600),
    scope           VARCHAR(16)  NOT NULL,
    owner_seller_id VARCHAR(128),
    -- Optimistic concurrency: the API's ETag; every update bumps it.
    version         BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    created_by      VARCHAR(128) NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    updated_by      VARCHAR(128) NOT NULL,
    CONSTRAINT message_template_owner CHECK (
        (scope = 'PERSONAL' AND owner_seller_id IS NOT NULL)
        OR (scope = 'ORGANISATION' AND owner_seller_id IS NULL))
);
-- "My templates" (personal) and "the organisation's" are the two halves of every list.
CREATE INDEX message_template_personal ON message_template (owner_seller_id, category, language)
    WHERE scope = 'PERSONAL';
CREATE INDEX message_template_organisation ON message_template (category, language)
    WHERE scope = 'ORGANISATION';
