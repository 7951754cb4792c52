package io.smsconversations.routing.admin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.routing.directory.InvalidDirectoryEntryException;

/** RFC 9457 problem details for the admin API, shaped like the bean-validation problems of the same API. */
final class Problems {

    private Problems() {
    }

    /** 400 naming the entry and each field, e.g. {@code record c-1: phones[1].number: is not a valid phone number}. */
    static HttpProblem invalid(InvalidDirectoryEntryException e, String in) {
        List<Map<String, String>> violations = e.violations().stream()
                .map(v -> Map.of("field", v.field(), "in", in, "message", v.message()))
                .toList();
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(e.getMessage())
                .with("violations", violations)
                .build();
    }

    static HttpProblem conflict(String detail) {
        return HttpProblem.builder().withStatus(Response.Status.CONFLICT).withTitle("Conflict").withDetail(detail)
                .build();
    }

    /** Kafka did not take the change: nothing was published, the client may retry. */
    static HttpProblem unavailable(String topic) {
        return HttpProblem.builder()
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle("Service Unavailable")
                .withDetail("the change could not be written to " + topic + "; nothing was changed, try again")
                .withHeader("Retry-After", "5")
                .build();
    }
}
