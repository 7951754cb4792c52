package io.smsconversations.routing.decision;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who the business number {@code to} is assigned to: its owner sellers and owner teams, sorted by id so that "the
 * first seller" is well defined when there are several.
 */
public record NumberAssignment(String number, SortedSet<String> sellerIds, SortedSet<String> teamIds) {

    public NumberAssignment {
        sellerIds = sellerIds == null ? new TreeSet<>() : new TreeSet<>(sellerIds);
        teamIds = teamIds == null ? new TreeSet<>() : new TreeSet<>(teamIds);
    }

    public static NumberAssignment of(String number, List<String> sellerIds, List<String> teamIds) {
        return new NumberAssignment(number, new TreeSet<>(sellerIds), new TreeSet<>(teamIds));
    }

    /** A number the directory does not know: assigned to nobody. */
    public static NumberAssignment unassigned(String number) {
        return new NumberAssignment(number, null, null);
    }

    public boolean isAssigned() {
        return !sellerIds.isEmpty() || !teamIds.isEmpty();
    }
}
