package io.smsconversations.routing.admin;

import java.util.List;

/**
 * A team as this service knows it: its name (directory.teams) and its members, the sellers naming it in their
 * {@code teamIds} (membership has that one source).
 *
 * @param memberSellerIds sorted
 */
public record TeamView(String id, String name, List<String> memberSellerIds) {

    public TeamView {
        memberSellerIds = memberSellerIds == null ? List.of() : List.copyOf(memberSellerIds);
    }
}
