package io.smsconversations.routing.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;

@Tag("fast")
class RecordCsvTest {

    @Test
    void readsColumnsInAnyOrderWithQuotesAndSeveralNumbers() {
        RecordCsv csv = RecordCsv.header("name,ID,type,mobile,business,ownerTeamId,active,modifiedOn");

        DirectoryRecord record = csv.record(
                "\"Lovelace, Ada \"\"the first\"\"\",c-1,contact,+14255550100; (425) 555-0101,14255550102,north,"
                        + "false,2026-11-01T10:00:00Z");

        assertThat(record).isEqualTo(new DirectoryRecord("c-1", RecordType.CONTACT, "Lovelace, Ada \"the first\"",
                Owner.team("north"), false, Instant.parse("2026-11-01T10:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, "+14255550100"),
                        new PhoneNumber(PhoneKind.MOBILE, "(425) 555-0101"),
                        new PhoneNumber(PhoneKind.BUSINESS, "14255550102")),
                null));
    }

    @Test
    void anOpportunitysCustomerAndRelatedContactsAreColumnsTooWithIdsSeparatedBySemicolons() {
        RecordCsv csv = RecordCsv.header("id,type,name,customerId,relatedContactIds");

        assertThat(csv.record("o-1,OPPORTUNITY,Deal,a-7, c-1 ;c-2;;").relatedContactIds())
                .containsExactly("c-1", "c-2");
        assertThat(csv.record("o-1,OPPORTUNITY,Deal,a-7, c-1 ;c-2;;").customerId()).isEqualTo("a-7");
        assertThat(csv.record("o-2,OPPORTUNITY,Deal,,")).isEqualTo(new DirectoryRecord("o-2",
                RecordType.OPPORTUNITY, "Deal", null, true, null, List.of(), null, null, List.of()));
    }

    @Test
    void blankOptionalFieldsAreAbsentAndActiveDefaultsToTrue() {
        RecordCsv csv = RecordCsv.header("id,type,name,active,modifiedOn,mobile,ownerSellerId");

        DirectoryRecord record = csv.record("l-1,LEAD,Lead,,,,");

        assertThat(record).isEqualTo(new DirectoryRecord("l-1", RecordType.LEAD, "Lead", null, true, null,
                List.of(), null));
    }

    @Test
    void refusesUnknownRepeatedAndMissingColumns() {
        assertThatThrownBy(() -> RecordCsv.header("id,type,colour,type"))
                .isInstanceOf(InvalidDirectoryEntryException.class)
                .hasMessageContaining("header[2]: unknown column 'colour'")
                .hasMessageContaining("header[3]: column 'type' is repeated")
                .hasMessageContaining("column 'name' is required");
    }

    @Test
    void refusesBadValuesNamingTheFieldsAndLinesOfTheWrongWidth() {
        RecordCsv csv = RecordCsv.header("id,type,name,active,modifiedOn");

        assertThatThrownBy(() -> csv.record("c-1,person,Ada,maybe,yesterday"))
                .isInstanceOf(InvalidDirectoryEntryException.class)
                .hasMessageStartingWith("record c-1: type: is not CONTACT")
                .hasMessageContaining("active: is not true or false")
                .hasMessageContaining("modifiedOn: is not an ISO-8601 instant");
        assertThatThrownBy(() -> csv.record("c-1,CONTACT"))
                .hasMessage("line: line: has 2 field(s), the header has 5");
        assertThatThrownBy(() -> csv.record("c-1,CONTACT,\"Ada,true,"))
                .hasMessage("line: line: a quoted field is not closed");
    }
}
