package io.smsconversations.events;

/** A picture or file attached to an MMS, kept at the provider: we carry its address, never its bytes. */
public record MediaReference(String url, String contentType) {
}
