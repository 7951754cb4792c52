package io.smsconversations.conversation.directory;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SendingNumbers", description = "The business numbers the caller may send from, by name.")
public record SendingNumbers(List<SendingNumber> items) {
}
