package io.smsconversations.events;

/**
 * A picture or file attached to an MMS. The bytes stay at the provider and the provider's address stays in
 * inbound-gateway's own database: the event carries only the gateway's opaque id of the item, which the gateway's
 * internal media endpoint ({@code GET /internal/media/{mediaId}}) resolves, so no provider URL or credential ever
 * travels past the gateway. The item's position in {@code InboundMessageReceived.media} is its index.
 *
 * @param mediaId     the gateway's id of the item, derived from provider, provider message id and index (a repeated
 *                    webhook maps to the same ids)
 * @param contentType the MIME type the provider reported ({@code image/jpeg}); {@code application/octet-stream} when
 *                    it reported none
 */
public record MediaReference(String mediaId, String contentType) {
}
