package io.smsconversations.restproblems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;

/**
 * Gives every problem a title: a problem built without one, or mapped from a {@code WebApplicationException} whose
 * status JAX-RS has no constant for, takes its status's standard reason phrase.
 * <p>
 * Why this exists: quarkus-resteasy-problem titles a {@code WebApplicationException} with the JAX-RS reason phrase
 * of its status, and for a code {@code Response.Status} lacks (422 above all) the server's phrase is
 * {@value #PLACEHOLDER}. A title the caller chose is kept as it is. Every problem the library maps passes here, so a
 * service gets this by depending on this module.
 */
@ApplicationScoped
public class StandardTitles implements ProblemPostProcessor {

    /** What Quarkus REST answers as the reason phrase of a status it has no constant for. */
    static final String PLACEHOLDER = "Unknown code";

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        String title = problem.getTitle();
        if (title != null && !title.isBlank() && !PLACEHOLDER.equals(title)) {
            return problem;
        }
        return HttpProblem.builder(problem).withTitle(of(problem.getStatusCode())).build();
    }

    /** Before the library's logger (101), so the logged problem carries the title the caller gets. */
    @Override
    public int priority() {
        return 200;
    }

    /**
     * The standard reason phrase of {@code status}: JAX-RS's where it has one (the phrases the library's own
     * mappers use, so titles stay alike), else Netty's table of the registered codes (422 Unprocessable Entity,
     * 423, 424, 425, 507, ...), else the phrase of its class (e.g. "Client Error").
     */
    public static String of(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
        // Netty names a code it does not know after its class and the code, e.g. "Client Error (499)".
        int suffix = phrase.indexOf(" (");
        return suffix > 0 ? phrase.substring(0, suffix) : phrase;
    }
}
