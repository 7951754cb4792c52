package io.smsconversations.routing.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;

@Tag("fast")
class DirectoryNormaliserTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private final DirectoryNormaliser normaliser = new DirectoryNormaliser("US");

    @Test
    void phoneNumbersOfARecordBecomeE164InTheDefaultRegion() {
        DirectoryRecord record = normaliser.record("c-1", record("c-1",
                new PhoneNumber(PhoneKind.MOBILE, "+1 (425) 555-0100"),
                new PhoneNumber(PhoneKind.BUSINESS, "(206) 555-0142"),
                new PhoneNumber(PhoneKind.MOBILE, "+44 20 7946 0958")), NOW);

        assertThat(record.phones()).extracting(PhoneNumber::number)
                .containsExactly("+14255550100", "+12065550142", "+442079460958");
    }

    @Test
    void anOpportunitysRelationsAreKeptStrippedAndWithoutDuplicates() {
        DirectoryRecord opportunity = normaliser.record("o-1", new DirectoryRecord("o-1", RecordType.OPPORTUNITY,
                "Deal", null, true, NOW, List.of(), null, " a-7 ", List.of("c-2", " c-1", "c-2")), null);

        assertThat(opportunity.customerId()).isEqualTo("a-7");
        assertThat(opportunity.relatedContactIds()).containsExactly("c-2", "c-1");
    }

    @Test
    void relationsBelongToOpportunitiesOnlyAndNeverToThemselves() {
        InvalidDirectoryEntryException onAContact = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.record("c-1", new DirectoryRecord("c-1", RecordType.CONTACT, "Ada", null, true, NOW,
                        List.of(), "a-1", "a-1", List.of("c-2")), null));
        assertThat(onAContact.violations()).containsExactly(
                new Violation("customerId", "only an opportunity has a customer"),
                new Violation("relatedContactIds", "only an opportunity lists related contacts"));

        InvalidDirectoryEntryException itself = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.record("o-1", new DirectoryRecord("o-1", RecordType.OPPORTUNITY, "Deal", null, true,
                        NOW, List.of(), null, "o-1", List.of("o-1", "x".repeat(129))), null));
        assertThat(itself.violations()).containsExactly(
                new Violation("relatedContactIds[1]", "is longer than 128 characters"),
                new Violation("customerId", "an opportunity is not its own customer"),
                new Violation("relatedContactIds", "an opportunity is not its own related contact"));
    }

    @Test
    void aTeamNeedsANameAndTheIdOfItsKey() {
        assertThat(normaliser.team("t-1", new io.smsconversations.events.Team(null, " West "))).isEqualTo(
                new io.smsconversations.events.Team("t-1", "West"));
        InvalidDirectoryEntryException refused = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.team("t-1", new io.smsconversations.events.Team("t-2", "")));
        assertThat(refused.getMessage()).isEqualTo("team t-1: id: 't-2' does not match 't-1' in the path or key; "
                + "name: is required");
    }

    @Test
    void theSameNumberInThreeFormatsIsOneNumber() {
        assertThat(List.of("+1 (425) 555-0100", "14255550100", "+14255550100"))
                .map(raw -> normaliser.phone(raw).orElseThrow())
                .containsOnly("+14255550100");
    }

    @Test
    void aNumberThatIsNotOneIsRefusedNamingTheRecordAndTheField() {
        InvalidDirectoryEntryException refused = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.record("c-1", record("c-1",
                        new PhoneNumber(PhoneKind.MOBILE, "+14255550100"),
                        new PhoneNumber(PhoneKind.MOBILE, "555")), NOW));

        assertThat(refused.subject()).isEqualTo("record c-1");
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("phones[1].number");
        assertThat(refused.getMessage()).startsWith("record c-1: phones[1].number: is not a valid phone number")
                .doesNotContain("555");
    }

    @Test
    void theIdOfTheBodyMustBeTheIdOfThePath() {
        InvalidDirectoryEntryException refused = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.record("c-1", record("c-2"), NOW));

        assertThat(refused.violations()).extracting(Violation::field).containsExactly("id");
    }

    @Test
    void aBodyWithoutIdTakesTheIdOfThePathAndAMissingModificationTimeIsNow() {
        DirectoryRecord record = normaliser.record("c-1", new DirectoryRecord(null, RecordType.CONTACT, " Ada ",
                new Owner(" ", "team-north"), true, null, null, ""), NOW);

        assertThat(record).isEqualTo(new DirectoryRecord("c-1", RecordType.CONTACT, "Ada", Owner.team("team-north"),
                true, NOW, List.of(), null));
    }

    @Test
    void everyProblemOfARecordIsReportedAtOnce() {
        InvalidDirectoryEntryException refused = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.record("c-1", new DirectoryRecord("c-1", null, " ", new Owner("sam", "team"), true,
                        NOW, List.of(new PhoneNumber(null, "+14255550100")), null), NOW));

        assertThat(refused.violations()).extracting(Violation::field)
                .containsExactly("type", "name", "owner", "phones[0].kind");
    }

    @Test
    void aSellerNeedsANameAndNoBlankTeam() {
        assertThat(normaliser.seller("sam", new Seller(null, "Sam", List.of("t1", " t2 ", "t1"), true)))
                .isEqualTo(new Seller("sam", "Sam", List.of("t1", "t2"), true));
        InvalidDirectoryEntryException refused = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.seller("sam", new Seller("sam", null, List.of("t1", ""), true)));
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("name", "teamIds[1]");
    }

    @Test
    void aBusinessNumberIsKeyedByItsE164FormAndNeedsAnOwner() {
        String key = normaliser.businessNumberKey("+1 425 555 0199");

        BusinessNumber number = normaliser.businessNumber(key, new BusinessNumber("(425) 555-0199", "Sales",
                BusinessNumberType.LONG_CODE, List.of("sam"), null, "twilio"));

        assertThat(number).isEqualTo(new BusinessNumber("+14255550199", "Sales", BusinessNumberType.LONG_CODE,
                List.of("sam"), List.of(), "twilio"));
        InvalidDirectoryEntryException refused = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.businessNumber(key, new BusinessNumber("+14255550198", "Sales",
                        BusinessNumberType.LONG_CODE, null, null, "twilio")));
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("number", "ownerSellerIds");
        assertThat(catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.businessNumberKey("not a number")).violations())
                .extracting(Violation::field).containsExactly("number");
    }

    @Test
    void aShortCodeIsKeyedWithItsCountryAndASenderIdAsWritten() {
        assertThat(normaliser.businessNumberKey("US:12345")).isEqualTo("US:12345");
        assertThat(normaliser.businessNumberKey(" Contoso ")).isEqualTo("Contoso");

        BusinessNumber shortCode = normaliser.businessNumber("US:12345", new BusinessNumber("US:12345", "Offers",
                BusinessNumberType.SHORT_CODE, List.of("sam"), null, "twilio"));
        assertThat(shortCode.number()).isEqualTo("US:12345");
        BusinessNumber sender = normaliser.businessNumber("Contoso", new BusinessNumber(null, "Brand",
                BusinessNumberType.ALPHANUMERIC, null, List.of("team-north"), "infobip"));
        assertThat(sender).isEqualTo(new BusinessNumber("Contoso", "Brand", BusinessNumberType.ALPHANUMERIC,
                List.of(), List.of("team-north"), "infobip"));
    }

    @Test
    void aTypeThatContradictsTheAddressAndAShortCodeWithoutCountryAreRefused() {
        InvalidDirectoryEntryException wrongType = catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.businessNumber("US:12345", new BusinessNumber(null, "Offers",
                        BusinessNumberType.LONG_CODE, List.of("sam"), null, "twilio")));
        assertThat(wrongType.violations()).containsExactly(new Violation("type",
                "LONG_CODE does not fit US:12345, which is a short code (SHORT_CODE)"));
        assertThat(catchThrowableOfType(InvalidDirectoryEntryException.class,
                () -> normaliser.businessNumber("+14255550199", new BusinessNumber(null, "Brand",
                        BusinessNumberType.ALPHANUMERIC, List.of("sam"), null, "twilio"))).violations())
                .extracting(Violation::message)
                .containsExactly("ALPHANUMERIC does not fit +14255550199, which is a phone number (LONG_CODE or "
                        + "TOLL_FREE)");
        // Digits alone are not a short code: which country's would they be?
        for (String written : List.of("12345", "XX:12345", "US:911", "Contoso-Ltd", "Twelve chars")) {
            assertThat(catchThrowableOfType(InvalidDirectoryEntryException.class,
                    () -> normaliser.businessNumberKey(written)).violations()).as(written)
                    .extracting(Violation::message).singleElement().asString()
                    .startsWith("is not an E.164 number (+14255550100), a short code with its country (US:12345)");
        }
    }

    private static DirectoryRecord record(String id, PhoneNumber... phones) {
        return new DirectoryRecord(id, RecordType.CONTACT, "Ada", Owner.seller("sam"), true, NOW, List.of(phones),
                null);
    }
}
