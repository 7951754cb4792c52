package io.smsconversations.gateway.provider.vonage;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Vonage's settings ({@code gateway.vonage.*}). */
@ConfigMapping(prefix = "gateway.vonage")
public interface VonageConfig {

    /** Whether this gateway serves Vonage's webhooks; off unless set (dev mode and tests turn it on). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The account's signature secret (Dashboard → API settings → "Signature secret"): the key Vonage signs webhooks
     * with. Secret; from {@code VONAGE_SIGNATURE_SECRET}; no default outside dev mode and tests.
     */
    @WithName("signature-secret")
    Optional<String> configuredSignatureSecret();

    /** The signature secret, empty when none is set (the gateway then refuses to start if Vonage is enabled). */
    default String signatureSecret() {
        return configuredSignatureSecret().orElse("");
    }

    /**
     * The signature method chosen beside the secret in the dashboard: {@code md5hash}, {@code md5} (HMAC-MD5),
     * {@code sha1}, {@code sha256}, {@code sha512} (HMAC). From {@code VONAGE_SIGNATURE_METHOD}.
     */
    @WithDefault("sha256")
    VonageSignature.Method signatureMethod();

    /**
     * How far the signed {@code timestamp} may be from this gateway's clock, either way. Older requests are refused
     * as replays; a provider retry is signed anew, so it passes.
     */
    @WithDefault("5m")
    Duration maxSignatureAge();

    /** The SMS API's base URL ({@code https://rest.nexmo.com}). From {@code VONAGE_API_BASE_URL}. */
    @WithDefault("https://rest.nexmo.com")
    String apiBaseUrl();

    /**
     * The Reports API's base URL ({@code https://api.nexmo.com}): where a send whose outcome is unknown is looked up
     * by its {@code client-ref}. From {@code VONAGE_REPORTS_API_BASE_URL}.
     */
    @WithDefault("https://api.nexmo.com")
    String reportsApiBaseUrl();

    /** {@code api_key} of the SMS API. From {@code VONAGE_API_KEY}. */
    @WithDefault("local-vonage-api-key")
    String apiKey();

    /** {@code api_secret} of the SMS API. Secret; from {@code VONAGE_API_SECRET}. */
    @WithDefault("local-vonage-api-secret")
    String apiSecret();
}
