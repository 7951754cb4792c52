package io.smsconversations.routing.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smsconversations.consumers.PoisonRecordException;

/**
 * A batch of entries of a compacted topic, each checked on its own, reduced to what the topic means: the last valid
 * entry of each key (an upsert, or a tombstone). That is what storing the entries one by one, in order, would have
 * left, since a refused entry never replaced the one before it. Refused entries are kept, in order, to be
 * dead-lettered with their reason; the rest of the batch does not depend on them.
 *
 * @param latest   the last valid entry of each key, in the order the keys were first met
 * @param rejected the entries refused (poison), in batch order
 */
public record CompactedBatch<T>(List<Latest<T>> latest, List<Rejected> rejected) {

    /** The entry that stands for {@code key}: {@code value} to upsert, or null for a tombstone. */
    public record Latest<T>(String key, T value, Message<String> message) {

        public boolean isDelete() {
            return value == null;
        }
    }

    public record Rejected(Message<String> message, Throwable reason) {
    }

    /**
     * Checks every message: {@code key} reads and checks its key (and headers), {@code value} its non-null payload;
     * either throws {@link PoisonRecordException} or {@link InvalidDirectoryEntryException} to refuse the entry.
     */
    public static <T> CompactedBatch<T> of(List<? extends Message<String>> messages,
            Function<Message<String>, String> key, BiFunction<String, String, T> value) {
        Map<String, Latest<T>> latest = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Message<String> message : messages) {
            try {
                String k = key.apply(message);
                String payload = message.getPayload();
                latest.put(k, new Latest<>(k, payload == null ? null : value.apply(k, payload), message));
            } catch (PoisonRecordException e) {
                rejected.add(new Rejected(message, e));
            } catch (InvalidDirectoryEntryException e) {
                rejected.add(new Rejected(message, new PoisonRecordException(e.getMessage(), e)));
            } catch (RuntimeException e) {
                // Checking touches no database: trying again cannot help, and the rest of the batch must go on.
                // The exception's message may quote the value: name its kind only.
                rejected.add(new Rejected(message, new PoisonRecordException(
                        "entry could not be checked (" + e.getClass().getName() + ")")));
            }
        }
        return new CompactedBatch<>(List.copyOf(latest.values()), List.copyOf(rejected));
    }

    public List<T> upserts() {
        return latest.stream().filter(l -> !l.isDelete()).map(Latest::value).toList();
    }

    public List<String> deletes() {
        return latest.stream().filter(Latest::isDelete).map(Latest::key).toList();
    }
}
