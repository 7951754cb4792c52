package io.smsconversations.gateway.media;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The gateway's id of a media item: a name-based UUID of provider, provider message id and index, so a webhook the
 * provider repeats maps to the same ids (and the same rows), and nothing in the id reveals the provider's URL.
 */
public final class MediaIds {

    private MediaIds() {
    }

    public static UUID of(String provider, String providerMessageId, int index) {
        return UUID.nameUUIDFromBytes(("sms-conversations/media/" + provider + "/" + providerMessageId + "/" + index)
                .getBytes(StandardCharsets.UTF_8));
    }
}
