package io.smsconversations.restproblems;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The one way a service writes an RFC 9457 problem: its status, a {@linkplain #type(String) type} of the suite's
 * stable scheme when the problem is one an app branches on, a title (the status's standard reason phrase unless the
 * problem has one of its own), the detail a person reads, and extension members ({@link #reason(String)} and any
 * other). What it builds is an {@link HttpProblem}: thrown, or returned as a failure, quarkus-resteasy-problem
 * answers it as {@code application/problem+json}.
 * <p>
 * Why a builder of our own on top of the library's: every service spelled the same five calls differently (a type
 * base per class, titles copied from the status by hand, {@code reason} sometimes an extension and sometimes a type).
 * Here each has one spelling, and the type URI scheme lives in one place.
 */
public final class Problem {

    /** Every problem type of the suite is this followed by its slug, e.g. {@code .../problems/recipient-opted-out}. */
    public static final String TYPE_BASE = "https://sms-conversations.io/problems/";

    /** The extension member that carries a stable, machine-readable code beside the human {@code detail}. */
    public static final String REASON = "reason";

    /** Lower-case words joined by hyphens: what an app compares, so it must not vary in case or spacing. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final int status;
    private final HttpProblem.Builder builder = HttpProblem.builder();
    private String title;

    private Problem(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        builder.withStatus(status);
    }

    public static Problem of(int status) {
        return new Problem(status);
    }

    public static Problem of(Response.StatusType status) {
        return new Problem(status.getStatusCode());
    }

    /** The URI of the problem type {@code slug}: {@value #TYPE_BASE} followed by the slug. */
    public static URI typeUri(String slug) {
        Objects.requireNonNull(slug, "slug");
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("a problem type is lower-case words joined by hyphens, not '" + slug
                    + "'");
        }
        return URI.create(TYPE_BASE + slug);
    }

    /** A problem type of its own, for a refusal an app tells apart from others of the same status. */
    public Problem type(String slug) {
        builder.withType(typeUri(slug));
        return this;
    }

    /** A title of its own (a problem with its own type has one); without it the status's standard phrase. */
    public Problem title(String title) {
        this.title = title;
        return this;
    }

    public Problem detail(String detail) {
        builder.withDetail(detail);
        return this;
    }

    /** The {@value #REASON} extension member: a stable code the app can branch on. */
    public Problem reason(String reason) {
        return with(REASON, reason);
    }

    /**
     * An extension member beside the standard ones, passed on to the library as it is (a null value too); a standard
     * member's name (type, title, status, detail, instance) is refused.
     */
    public Problem with(String name, Object value) {
        builder.with(name, value);
        return this;
    }

    /** A header of the answer, e.g. {@code Retry-After} on a 503 or a 429. */
    public Problem header(String name, Object value) {
        builder.withHeader(name, value);
        return this;
    }

    public HttpProblem build() {
        builder.withTitle(title == null || title.isBlank() ? StandardTitles.of(status) : title);
        return builder.build();
    }
}
