package io.smsconversations.consumers.redrive;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.smsconversations.consumers.DeadLetter;

/**
 * Which dead letters to re-drive; an absent criterion accepts everything.
 *
 * @param reason found (regular expression, anywhere) in {@code dead-letter-reason}
 * @param types the {@code ce_type}s to take
 * @param kind {@code poison} or {@code retries-exhausted}
 * @param since dead-lettered at or after (the dead letter's record time)
 * @param until dead-lettered before
 */
public record RedriveFilter(Pattern reason, Set<String> types, String kind, Instant since, Instant until) {

    public static RedriveFilter all() {
        return new RedriveFilter(null, Set.of(), null, null, null);
    }

    public RedriveFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since must be before --until");
        }
    }

    public boolean accepts(ConsumerRecord<String, String> letter) {
        Instant at = Instant.ofEpochMilli(letter.timestamp());
        if (since != null && at.isBefore(since) || until != null && !at.isBefore(until)) {
            return false;
        }
        if (kind != null && !kind.equals(DeadLetter.header(letter.headers(), DeadLetter.KIND))) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(DeadLetter.header(letter.headers(), "ce_type"))) {
            return false;
        }
        String why = DeadLetter.header(letter.headers(), DeadLetter.REASON);
        return reason == null || why != null && reason.matcher(why).find();
    }
}
