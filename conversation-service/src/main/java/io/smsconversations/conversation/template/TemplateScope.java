package io.smsconversations.conversation.template;

/** Who a template belongs to (SPEC §5). */
public enum TemplateScope {
    /** One seller's own template: only they see, edit and delete it. */
    PERSONAL,
    /** Offered to every seller; only an sms-admin creates, edits or deletes it. */
    ORGANISATION
}
