package io.smsconversations.gateway.webhook;

/** Why a webhook was not acknowledged; the {@code reason} tag of the {@code gateway.webhook.rejected} counter. */
public enum Rejection {

    /** 403: the provider's signature header is absent. */
    SIGNATURE_MISSING("signature-missing"),
    /** 403: the signature does not match the URL and parameters with our secret. */
    SIGNATURE_INVALID("signature-invalid"),
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
