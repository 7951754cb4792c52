package io.smsconversations.conversation.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rows of a relay pass may be stamped published: per key (topic and message key), the rows Kafka acknowledged
 * up to the first it did not. A later row of a key whose earlier row failed stays pending with it, so the next pass
 * publishes that key's events again in their order instead of leaving the earlier one to arrive after the later one
 * for good (consumers drop the repeat by its ce_id).
 */
final class AcknowledgedPrefix {

    /** One row of a pass, in id order, and whether Kafka acknowledged it. */
    record Sent(long id, String topic, String key, boolean acknowledged) {
    }

    private AcknowledgedPrefix() {
    }

    /** The ids to stamp, in id order; {@code pass} must be in id order. */
    static List<Long> of(List<Sent> pass) {
        Set<String> blocked = new HashSet<>();
        List<Long> stamp = new ArrayList<>();
        for (Sent row : pass) {
            String key = row.topic() + "\u0000" + row.key();
            if (!row.acknowledged()) {
                blocked.add(key);
            } else if (!blocked.contains(key)) {
                stamp.add(row.id());
            }
        }
        return stamp;
    }
}
