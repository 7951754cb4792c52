package io.smsconversations.conversation.template;

import java.util.List;

/** The templates the caller may use: their personal ones and the organisation's. */
public record TemplateList(List<TemplateView> items) {
}
