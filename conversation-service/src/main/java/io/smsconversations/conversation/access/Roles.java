package io.smsconversations.conversation.access;

/** The roles of the seller-facing APIs (SPEC §3). */
public final class Roles {

    /** The Seller SMS privilege. */
    public static final String SELLER = "seller";
    /** Configures numbers, org templates and the directory; sees every conversation. */
    public static final String ADMIN = "sms-admin";

    private Roles() {
    }
}
