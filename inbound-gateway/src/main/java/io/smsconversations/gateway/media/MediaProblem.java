package io.smsconversations.gateway.media;

import io.vertx.core.json.JsonObject;

/**
 * A refusal of the media endpoint, as an RFC 9457 problem ({@code https://sms-conversations.io/problems/<slug>}). The
 * endpoint is a plain Vert.x route (it streams), so it writes the problem itself; the detail never quotes the
 * provider's URL.
 */
public record MediaProblem(int status, String slug, String title, String detail) {

    public static final String TYPE_BASE = "https://sms-conversations.io/problems/";

    public JsonObject json(String instance) {
        return new JsonObject().put("type", TYPE_BASE + slug).put("title", title).put("status", status)
                .put("detail", detail).put("instance", instance);
    }

    static MediaProblem notFound(String detail) {
        return new MediaProblem(404, "media-not-found", "Media not found", detail);
    }

    static MediaProblem unauthenticated(String detail) {
        return new MediaProblem(401, "media-request-unauthenticated", "Media request not authenticated", detail);
    }

    static MediaProblem refusedHost(String detail) {
        return new MediaProblem(502, "media-host-refused", "Media host not allowed", detail);
    }

    static MediaProblem providerFailed(String detail) {
        return new MediaProblem(502, "provider-media-unavailable", "Provider media unavailable", detail);
    }

    static MediaProblem tooLarge(String detail) {
        return new MediaProblem(502, "media-too-large", "Media too large", detail);
    }

    static MediaProblem typeRefused(String detail) {
        return new MediaProblem(502, "media-type-refused", "Media type not allowed", detail);
    }

    static MediaProblem unavailable(String detail) {
        return new MediaProblem(503, "media-store-unavailable", "Media store unavailable", detail);
    }
}
