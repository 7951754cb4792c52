package io.smsconversations.conversation.template;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.restproblems.Problem;

/**
 * The refusals of the template API as RFC 9457 problems. Each carries a {@code reason} (a stable, machine-readable
 * code the app can branch on) beside the human {@code detail}; validation refusals also name the {@code field}.
 */
final class TemplateProblems {

    private TemplateProblems() {
    }

    /** The shape every refusal shares: the status with its standard title, the detail and the reason code. */
    private static Problem problem(Response.Status status, String detail, String reason) {
        return Problem.of(status).detail(detail).reason(reason);
    }

    static HttpProblem badRequest(String reason, String field, String detail) {
        return problem(Response.Status.BAD_REQUEST, detail, reason)
                .with("field", field)
                .build();
    }

    /** A body whose placeholders cannot be filled: {@code placeholders} names each offending one. */
    static HttpProblem placeholders(String reason, String field, String detail, List<String> placeholders,
            List<String> known) {
        return problem(Response.Status.BAD_REQUEST, detail, reason)
                .with("field", field)
                .with("placeholders", placeholders)
                .with("knownPlaceholders", known)
                .build();
    }

    /** Missing and someone else's personal template look the same: existence is not disclosed. */
    static HttpProblem templateNotFound() {
        return problem(Response.Status.NOT_FOUND,
                "There is no template with this id that you may see", "template-not-found")
                .build();
    }

    static HttpProblem recordNotFound() {
        return problem(Response.Status.NOT_FOUND,
                "There is no record with this id that you may see", "record-not-found")
                .build();
    }

    static HttpProblem organisationTemplateForAdminsOnly(String action) {
        return problem(Response.Status.FORBIDDEN,
                "Only an sms-admin may " + action + " organisation templates", "organisation-template-admin-only")
                .build();
    }

    static HttpProblem businessNumberNotYours() {
        return problem(Response.Status.FORBIDDEN,
                "The business number is not one you or your teams may send from", "business-number-not-yours")
                .with("field", "businessNumber")
                .build();
    }

    static HttpProblem staleVersion(long current) {
        return problem(Response.Status.PRECONDITION_FAILED,
                "The template was changed since you read it (its version is now " + current
                        + "); read it again and reapply your change", "stale-version")
                .with("currentVersion", current)
                .build();
    }

    /** Another request changed the template between our read and our write. */
    static HttpProblem concurrentChange() {
        return problem(Response.Status.PRECONDITION_FAILED,
                "The template was changed by someone else at the same time; read it again and reapply your change",
                "stale-version")
                .build();
    }
}
