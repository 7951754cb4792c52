package io.smsconversations.conversation.template;

import io.smsconversations.conversation.access.Caller;

/**
 * Who may do what with a template (SPEC §5). Personal templates are private to their owner, admins included:
 * an admin manages organisation templates, not other sellers' drafts.
 */
final class TemplatePermissions {

    private TemplatePermissions() {
    }

    static boolean maySee(Template template, Caller caller) {
        return template.scope == TemplateScope.ORGANISATION || caller.sellerId().equals(template.ownerSellerId);
    }

    static boolean mayEdit(Template template, Caller caller) {
        return template.scope == TemplateScope.ORGANISATION ? caller.admin()
                : caller.sellerId().equals(template.ownerSellerId);
    }

    /**
     * The template when {@code caller} may change it: someone else's personal template is not found (as if it did
     * not exist), an organisation template is forbidden to a seller.
     */
    static Template checkEditable(Template template, Caller caller, String action) {
        if (template == null || !maySee(template, caller)) {
            throw TemplateProblems.templateNotFound();
        }
        if (!mayEdit(template, caller)) {
            throw TemplateProblems.organisationTemplateForAdminsOnly(action);
        }
        return template;
    }
}
