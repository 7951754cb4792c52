package io.smsconversations.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The inbox's paging parameters, without a server: defaults, bounds, and a 400 naming each bad one. */
@Tag("fast")
class InboxQueryTest {

    @Test
    void nothingGivenIsTheFirstPageOfFiftyNewestFirst() {
        assertThat(InboxQuery.parse(null, " ", "")).isEqualTo(new InboxQuery(50, null, false));
    }

    @Test
    void givenValuesAreTakenWithTheirSpacesStripped() {
        assertThat(InboxQuery.parse(" 200 ", "17", " unread-first ")).isEqualTo(new InboxQuery(200, 17L, true));
        assertThat(InboxQuery.parse("1", String.valueOf(Long.MAX_VALUE), "newest"))
                .isEqualTo(new InboxQuery(1, Long.MAX_VALUE, false));
    }

    @Test
    void aLimitOutsideOneToTwoHundredOrNotANumberIsRefusedByName() {
        refused("0", null, null, "limit must be between 1 and 200, not 0");
        refused("201", null, null, "limit must be between 1 and 200, not 201");
        refused("ten", null, null, "limit must be a whole number, not 'ten'");
        refused("1.5", null, null, "limit must be a whole number, not '1.5'");
    }

    @Test
    void aCursorThatIsNoPositiveIdIsRefusedByName() {
        refused(null, "0", null, "before must be between 1 and " + Long.MAX_VALUE + ", not 0");
        refused(null, "-3", null, "before must be between 1 and " + Long.MAX_VALUE + ", not -3");
        refused(null, "abc", null, "before must be a whole number, not 'abc'");
    }

    @Test
    void anUnknownOrderIsRefusedNamingTheTwoThereAre() {
        refused(null, null, "oldest", "order must be 'newest' or 'unread-first', not 'oldest'");
    }

    private static void refused(String limit, String before, String order, String message) {
        assertThatThrownBy(() -> InboxQuery.parse(limit, before, order))
                .isInstanceOf(BadRequestException.class).hasMessage(message);
    }
}
