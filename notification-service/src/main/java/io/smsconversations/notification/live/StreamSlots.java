package io.smsconversations.notification.live;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How many live streams each seller may hold open on this replica ({@code notification.stream.max-per-seller}). Every
 * stream costs a connection, buffers and a timer, so one token must not be able to open them without end. A slot is
 * taken before a stream is answered and given back when the stream ends, however it ends.
 */
@ApplicationScoped
public class StreamSlots {

    private final ConcurrentMap<String, Integer> taken = new ConcurrentHashMap<>();
    private final int maxPerSeller;
    private final Counter refused;

    public StreamSlots(@ConfigProperty(name = "notification.stream.max-per-seller", defaultValue = "5") int maxPerSeller,
            MeterRegistry registry) {
        this.maxPerSeller = maxPerSeller;
        this.refused = Counter.builder("notification.streams.refused")
                .description("Live streams refused because their seller already had"
                        + " notification.stream.max-per-seller open on this replica")
                .register(registry);
    }

    /** One stream's slot; {@link #close()} gives it back, once. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A slot for one more stream of {@code sellerId}, or empty when the seller holds every slot already. */
    public Optional<Slot> acquire(String sellerId) {
        AtomicBoolean granted = new AtomicBoolean();
        taken.compute(sellerId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerSeller) {
                return count;
            }
            granted.set(true);
            return current + 1;
        });
        if (!granted.get()) {
            refused.increment();
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                taken.computeIfPresent(sellerId, (id, count) -> count <= 1 ? null : count - 1);
            }
        });
    }

    public int maxPerSeller() {
        return maxPerSeller;
    }
}
