package io.smsconversations.routing.decision;

import java.util.List;

/**
 * The part of the directory one inbound message needs, read in one session before deciding.
 *
 * @param numberKnown whether the business number is in the directory at all
 */
public record RoutingSnapshot(List<Candidate> candidates, NumberAssignment assignment, boolean numberKnown,
        SellerDirectory sellers) {
}
