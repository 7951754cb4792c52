package io.smsconversations.conversation.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The keyset cursor of the list and the history: opaque, exact to the microsecond, a 400 when it is not one. */
@Tag("fast")
class CursorTest {

    @Test
    void aCursorComesBackAsItWentOutToTheMicrosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-24T10:15:30.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode(), "before")).isEqualTo(cursor);
        // Before 1970 too (a negative epoch), and with the padding-free base64url a client may strip or not.
        Cursor early = new Cursor(Instant.parse("1969-12-31T23:59:59.000001Z"), UUID.randomUUID());
        assertThat(Cursor.decode(" " + early.encode() + " ", "after")).isEqualTo(early);
    }

    @Test
    void aCursorIsOpaqueAndHoldsNoPadding() {
        String encoded = new Cursor(Instant.EPOCH, new UUID(0, 1)).encode();
        assertThat(encoded).doesNotContain("=", "+", "/", ":");
    }

    @Test
    void noCursorIsNullAndABadOneIsA400NamingTheParameter() {
        assertThat(Cursor.decode(null, "before")).isNull();
        assertThat(Cursor.decode("  ", "before")).isNull();
        String notBase64 = "%%%";
        String noColon = Base64.getUrlEncoder().encodeToString("12345".getBytes());
        String notAUuid = Base64.getUrlEncoder().encodeToString("12345:abc".getBytes());
        String notATime = Base64.getUrlEncoder().encodeToString(("x:" + UUID.randomUUID()).getBytes());
        for (String bad : new String[] { notBase64, noColon, notAUuid, notATime }) {
            assertThatThrownBy(() -> Cursor.decode(bad, "after")).isInstanceOf(BadRequestException.class)
                    .hasMessage("after is not a cursor returned by this API");
        }
    }
}
