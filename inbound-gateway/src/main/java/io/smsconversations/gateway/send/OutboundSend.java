package io.smsconversations.gateway.send;

import java.time.Instant;

import io.smsconversations.events.SendRequested;

/**
 * One call to a provider for a request.
 *
 * @param firstSentAt when the request was first handed to a provider (from the ledger, so the same on every retry
 *                    and redelivery: ACS's Repeatability-First-Sent must not change)
 * @param attempt     1 for the first call, counting up with each retry
 */
public record OutboundSend(SendRequested request, Instant firstSentAt, int attempt) {
}
