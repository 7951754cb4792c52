package io.smsconversations.gateway.webhook;

/** Why a webhook was not acknowledged; the {@code reason} tag of the {@code gateway.webhook.rejected} counter. */
public enum Rejection {

    /** 404: the provider is not enabled on this gateway ({@code gateway.<provider>.enabled}). */
    PROVIDER_DISABLED("provider-disabled"),
    /** 403: the provider's signature header is absent. */
    SIGNATURE_MISSING("signature-missing"),
    /** 403: the signature does not match the URL and parameters with our secret. */
    SIGNATURE_INVALID("signature-invalid"),
    /** 403: signed, but the signature's timestamp is missing or outside the accepted window (a replay, or a clock). */
    SIGNATURE_STALE("signature-stale"),
    /** 403: a shared secret (header, query parameter, basic auth) is missing or wrong, or the subscription unexpected. */
    SECRET_INVALID("secret-invalid"),
    /** 400: authentic, but a required field is missing or unusable. */
    MALFORMED("malformed"),
    /** 503: Kafka did not acknowledge the event in time; the provider retries. */
    KAFKA_UNAVAILABLE("kafka-unavailable");

    private final String tag;

    Rejection(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
