package io.smsconversations.routing.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;

@Tag("fast")
class LeadsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    @Test
    void theLeadIdIsDerivedFromTheNumberAlone() {
        String expected = "lead-" + UUID.nameUUIDFromBytes("+14255550100".getBytes(StandardCharsets.UTF_8));

        assertThat(Leads.leadId("+14255550100", 0)).isEqualTo(expected).isEqualTo(Leads.leadId("+14255550100", 0));
        assertThat(Leads.leadId("+14255550101", 0)).isNotEqualTo(expected);
        assertThat(Leads.leadId("+14255550100", 1)).isNotEqualTo(expected);
    }

    @Test
    void aNewLeadIsAnActiveLeadWithTheNumberAsMobileAndAMaskedName() {
        DirectoryRecord lead = Leads.newLead("lead-x", "+14255550100",
                NumberAssignment.of("+14255550199", List.of("zoe", "sam"), List.of("team-north")), NOW);

        assertThat(lead).isEqualTo(new DirectoryRecord("lead-x", RecordType.LEAD, "SMS lead ***0100",
                Owner.seller("sam"), true, NOW, List.of(new PhoneNumber(PhoneKind.MOBILE, "+14255550100")), null));
    }

    @Test
    void aLeadOnANumberOfTeamsOnlyIsOwnedByTheFirstTeam() {
        DirectoryRecord lead = Leads.newLead("lead-x", "+14255550100",
                NumberAssignment.of("+14255550199", List.of(), List.of("team-west", "team-north")), NOW);

        assertThat(lead.owner()).isEqualTo(Owner.team("team-north"));
    }

    @Test
    void aLeadOnAnUnknownNumberHasNoOwner() {
        assertThat(Leads.newLead("lead-x", "+14255550100", NumberAssignment.unassigned("+14255550199"), NOW).owner())
                .isNull();
    }
}
