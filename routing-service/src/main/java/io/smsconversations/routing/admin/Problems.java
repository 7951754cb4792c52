package io.smsconversations.routing.admin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.restproblems.Problem;
import io.smsconversations.routing.directory.InvalidDirectoryEntryException;

/**
 * The admin API's refusals, written with rest-problems' {@link Problem}: each titled by its status, shaped like the
 * bean-validation problems of the same API where it names fields.
 */
final class Problems {

    private Problems() {
    }

    /** 400 naming the entry and each field, e.g. {@code record c-1: phones[1].number: is not a valid phone number}. */
    static HttpProblem invalid(InvalidDirectoryEntryException e, String in) {
        List<Map<String, String>> violations = e.violations().stream()
                .map(v -> Map.of("field", v.field(), "in", in, "message", v.message()))
                .toList();
        return Problem.of(Response.Status.BAD_REQUEST).detail(e.getMessage()).with("violations", violations)
                .build();
    }

    /** 400: a query parameter that had to be a phone number is not one. */
    static HttpProblem notAPhoneNumber(String parameter) {
        return Problem.of(Response.Status.BAD_REQUEST)
                .detail("query parameter " + parameter + ": is not a valid phone number").build();
    }

    static HttpProblem conflict(String detail) {
        return Problem.of(Response.Status.CONFLICT).detail(detail).build();
    }

    /** Kafka did not take the change: nothing was published, the client may retry. */
    static HttpProblem unavailable(String topic) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE)
                .detail("the change could not be written to " + topic + "; nothing was changed, try again")
                .header(HttpHeaders.RETRY_AFTER, "5")
                .build();
    }

    /**
     * 413: the lines before {@code line} are imported as {@code imported} says (the import is streamed: each valid
     * line was published as it was read); {@code line} and what follows were not read. The connection is closed,
     * so the rest of the body is never read either.
     */
    static HttpProblem lineTooLong(long line, int maxLineLength, RecordImportResult imported) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                .detail("line " + line + " is longer than " + maxLineLength + " characters; the import stopped "
                        + "there: lines before it were imported as reported in imported, nothing from line " + line
                        + " on (fix the line and import again from it: records are replaced by id)")
                .header("Connection", "close")
                .with("line", line)
                .with("maxLineLength", maxLineLength)
                .with("imported", imported)
                .build();
    }
}
