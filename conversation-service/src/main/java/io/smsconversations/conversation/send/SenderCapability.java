package io.smsconversations.conversation.send;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.SendingCapabilities;
import io.smsconversations.restproblems.Problem;

/**
 * Whether the business number's provider can send from it to this customer (issue 14 item 7): a short code or an
 * alphanumeric sender id is not a phone number, and not every provider nor every destination takes one. The rule is
 * {@link SendingCapabilities}, shared with the gateway, which refuses the same send again as a second line of
 * defence; here it is a 422 before anything is stored or queued.
 */
public final class SenderCapability {

    /** The problem type an app branches on. */
    public static final String TYPE = "sending-number-cannot-send";

    private SenderCapability() {
    }

    /**
     * @return {@code provider}, when it can send from {@code businessNumber} to {@code customerNumber}
     * @throws HttpProblem 422 {@value #TYPE}, its detail and {@code reason} saying why
     */
    public static String check(String businessNumber, String provider, String customerNumber) {
        BusinessAddress from = BusinessAddress.ofKey(businessNumber).orElseThrow(() -> refused(
                "the conversation's business number is not " + BusinessAddress.EXPECTED, "not-a-business-address"));
        SendingCapabilities.refusal(provider, from, customerNumber).ifPresent(why -> {
            throw refused(why, SendingCapabilities.unusable(provider, from).isPresent() ? "provider-cannot-send-from"
                    : "sender-cannot-reach-destination");
        });
        return provider;
    }

    private static HttpProblem refused(String why, String reason) {
        return Problem.of(422).type(TYPE).title("Sending number cannot send this")
                .detail("This message cannot be sent from this business number: " + why + ".")
                .reason(reason).build();
    }
}
