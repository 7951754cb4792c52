package io.smsconversations.routing.activity;

import java.time.Instant;

/** What rule 1 looks at: the record holding the latest conversation activity on the pair of numbers, and when. */
public record LastConversation(String recordId, Instant at) {
}
