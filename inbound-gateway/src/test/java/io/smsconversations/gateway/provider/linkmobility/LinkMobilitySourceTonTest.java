package io.smsconversations.gateway.provider.linkmobility;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LinkMobilitySourceTonTest {

    @Test
    void theSourceTypeFollowsTheKindOfSender() {
        assertThat(LinkMobilitySender.sourceTon("+4790000000")).isEqualTo("MSISDN");
        assertThat(LinkMobilitySender.sourceTon("2222")).isEqualTo("SHORTNUMBER");
        assertThat(LinkMobilitySender.sourceTon("Contoso")).isEqualTo("ALPHANUMERIC");
        assertThat(LinkMobilitySender.sourceTon("Shop 24")).isEqualTo("ALPHANUMERIC");
    }
}
