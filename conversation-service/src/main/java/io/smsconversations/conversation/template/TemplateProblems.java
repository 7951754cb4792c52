package io.smsconversations.conversation.template;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The refusals of the template API as RFC 9457 problems. Each carries a {@code reason} (a stable, machine-readable
 * code the app can branch on) beside the human {@code detail}; validation refusals also name the {@code field}.
 */
final class TemplateProblems {

    private TemplateProblems() {
    }

    static HttpProblem badRequest(String reason, String field, String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(detail)
                .with("reason", reason)
                .with("field", field)
                .build();
    }

    /** A body whose placeholders cannot be filled: {@code placeholders} names each offending one. */
    static HttpProblem placeholders(String reason, String field, String detail, List<String> placeholders,
            List<String> known) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(detail)
                .with("reason", reason)
                .with("field", field)
                .with("placeholders", placeholders)
                .with("knownPlaceholders", known)
                .build();
    }

    /** Missing and someone else's personal template look the same: existence is not disclosed. */
    static HttpProblem templateNotFound() {
        return HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle("Not Found")
                .withDetail("There is no template with this id that you may see")
                .with("reason", "template-not-found")
                .build();
    }

    static HttpProblem recordNotFound() {
        return HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle("Not Found")
                .withDetail("There is no record with this id that you may see")
                .with("reason", "record-not-found")
                .build();
    }

    static HttpProblem organisationTemplateForAdminsOnly(String action) {
        return HttpProblem.builder()
                .withStatus(Response.Status.FORBIDDEN)
                .withTitle("Forbidden")
                .withDetail("Only an sms-admin may " + action + " organisation templates")
                .with("reason", "organisation-template-admin-only")
                .build();
    }

    static HttpProblem businessNumberNotYours() {
        return HttpProblem.builder()
                .withStatus(Response.Status.FORBIDDEN)
                .withTitle("Forbidden")
                .withDetail("The business number is not one you or your teams may send from")
                .with("reason", "business-number-not-yours")
                .with("field", "businessNumber")
                .build();
    }

    static HttpProblem staleVersion(long current) {
        return HttpProblem.builder()
                .withStatus(Response.Status.PRECONDITION_FAILED)
                .withTitle("Precondition Failed")
                .withDetail("The template was changed since you read it (its version is now " + current
                        + "); read it again and reapply your change")
                .with("reason", "stale-version")
                .with("currentVersion", current)
                .build();
    }

    /** Another request changed the template between our read and our write. */
    static HttpProblem concurrentChange() {
        return HttpProblem.builder()
                .withStatus(Response.Status.PRECONDITION_FAILED)
                .withTitle("Precondition Failed")
                .withDetail("The template was changed by someone else at the same time; read it again and reapply "
                        + "your change")
                .with("reason", "stale-version")
                .build();
    }
}
