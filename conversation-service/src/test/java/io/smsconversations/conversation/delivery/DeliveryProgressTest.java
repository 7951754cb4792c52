package io.smsconversations.conversation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.events.DeliveryStatus;

/** Delivery only moves forward: queued, then sent, then one final state, whatever order the reports come in. */
@Tag("fast")
class DeliveryProgressTest {

    @Test
    void queuedThenSentThenOneFinalState() {
        assertThat(DeliveryProgress.rank(DeliveryStatus.QUEUED)).isLessThan(DeliveryProgress.rank(DeliveryStatus.SENT));
        for (DeliveryStatus last : new DeliveryStatus[] { DeliveryStatus.DELIVERED, DeliveryStatus.UNDELIVERED,
                DeliveryStatus.FAILED }) {
            assertThat(DeliveryProgress.rank(DeliveryStatus.SENT)).isLessThan(DeliveryProgress.rank(last));
            // a final state never gives way to another: the first one stays
            assertThat(DeliveryProgress.rank(last)).isEqualTo(DeliveryProgress.rank(DeliveryStatus.DELIVERED));
        }
    }
}
