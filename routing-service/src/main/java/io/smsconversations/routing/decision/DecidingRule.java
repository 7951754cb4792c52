package io.smsconversations.routing.decision;

/**
 * Which step of SPEC §4 decided where a message goes. The {@link #key()} is stable (metrics, the decision table); the
 * readable text of a choice is built by {@link RoutingRules}.
 */
public enum DecidingRule {
    NEW_LEAD("new-lead"),
    SINGLE_CANDIDATE("single-candidate"),
    MOST_RECENT_CONVERSATION("rule-1"),
    SELLER_OF_NUMBER("rule-2"),
    TEAM_OF_NUMBER("rule-3"),
    RECORD_TYPE("rule-4"),
    ACTIVE("rule-5"),
    MOST_RECENTLY_MODIFIED("rule-6"),
    SMALLEST_ID("rule-7");

    private final String key;

    DecidingRule(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
