package io.smsconversations.conversation.thread;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;

/**
 * A keyset position in a list ordered by a time and then by id: opaque to clients (base64url of
 * {@code epochMicros:uuid}), exact to the microsecond that PostgreSQL stores.
 */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code text}, null when there is none; a 400 naming {@code parameter} when it is not one. */
    public static Cursor decode(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            UUID id = UUID.fromString(decoded.substring(colon + 1));
            return new Cursor(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS), id);
        } catch (RuntimeException e) {
            throw new BadRequestException(parameter + " is not a cursor returned by this API");
        }
    }
}
