package io.smsconversations.conversation.media;

import io.smallrye.mutiny.Multi;

/**
 * The gateway's answer to a media request once its head is in: what the bytes are, and the bytes themselves, not yet
 * read (they flow as the caller reads them).
 *
 * @param contentLength -1 when the gateway streams without a declared length
 */
public record OpenedMedia(String contentType, long contentLength, Multi<byte[]> body) {
}
