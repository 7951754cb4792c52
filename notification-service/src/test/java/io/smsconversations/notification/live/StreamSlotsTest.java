package io.smsconversations.notification.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The per-seller bound on live streams, without a server: counted per seller, given back once. */
@Tag("fast")
class StreamSlotsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamSlots slots = new StreamSlots(2, registry);

    @Test
    void aSellerHoldsAtMostTheBoundAndTheRefusalIsCounted() {
        List<StreamSlots.Slot> held = new ArrayList<>();
        held.add(slots.acquire("sam").orElseThrow());
        held.add(slots.acquire("sam").orElseThrow());

        assertThat(slots.acquire("sam")).isEmpty();
        assertThat(slots.acquire("nina")).isPresent();
        assertThat(registry.get("notification.streams.refused").counter().count()).isEqualTo(1.0);
        assertThat(held).hasSize(slots.maxPerSeller());
    }

    @Test
    void aClosedSlotIsGivenBackOnceHoweverOftenItIsClosed() {
        StreamSlots.Slot first = slots.acquire("sam").orElseThrow();
        StreamSlots.Slot second = slots.acquire("sam").orElseThrow();

        first.close();
        first.close();

        Optional<StreamSlots.Slot> again = slots.acquire("sam");
        assertThat(again).isPresent();
        assertThat(slots.acquire("sam")).as("closing one slot twice must not free two").isEmpty();
        second.close();
        again.get().close();
        assertThat(slots.acquire("sam")).isPresent();
    }
}
