package io.smsconversations.gateway.media;

import java.util.UUID;

import io.smsconversations.events.MediaReference;

/**
 * One media item as the provider announced it: kept in the gateway's database ({@code inbound_media}) and never
 * published; the event carries {@link #reference()} only.
 *
 * @param url         the provider's URL of the item, checked against the provider's {@link MediaPolicy}
 * @param contentType the provider's MIME type, {@code application/octet-stream} when it gave none
 */
public record ProviderMedia(String provider, String providerMessageId, int index, String url, String contentType) {

    public static final String UNKNOWN_TYPE = "application/octet-stream";

    public UUID id() {
        return MediaIds.of(provider, providerMessageId, index);
    }

    public MediaReference reference() {
        return new MediaReference(id().toString(), contentType);
    }

    /** The URL is the provider's (it may hold account ids): never in a log line. */
    @Override
    public String toString() {
        return "ProviderMedia[" + provider + " " + providerMessageId + " #" + index + " " + contentType + "]";
    }
}
