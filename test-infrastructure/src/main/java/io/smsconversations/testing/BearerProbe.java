package io.smsconversations.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * Sends bearers a seller or admin API must refuse on its own (issues 11.5 and 16.5) and reports what the service did
 * with each: a token the realm issued for another audience, one without audience, a bearer that is not a JWT, and a
 * JWT signed by a key the realm does not publish. The test asserts on the report: 401 problem details, no call to
 * the OIDC server's introspection endpoint, no ERROR logged.
 *
 * @param bearer         what was sent
 * @param kind           which of the four it is
 * @param status         the HTTP status
 * @param contentType    the answer's content type (null when none)
 * @param introspections calls to the introspection endpoint that carried this bearer
 * @param errors         the ERROR log lines while it was answered
 */
public record BearerProbe(String bearer, String kind, int status, String contentType, long introspections,
        List<String> errors) {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * Probes {@code endpoint} (a GET) with the four bearers for {@code subject} holding {@code roles}.
     *
     * @param introspectionsOf how many introspection requests the OIDC server received carrying a bearer (e.g. from
     *                         the WireMock request journal of {@code OidcWiremockTestResource})
     */
    public static List<BearerProbe> probe(URI endpoint, ToLongFunction<String> introspectionsOf, String subject,
            String... roles) {
        Map<String, String> bearers = Map.of(
                "another audience", TestTokens.forAudience("another-client-of-the-realm", subject, roles),
                "no audience", TestTokens.withoutAudience(subject, roles),
                "not a JWT", "opaque-" + UUID.randomUUID(),
                "unknown signing key", TestTokens.signedByUnknownKey(subject, roles));
        List<BearerProbe> probes = new ArrayList<>();
        bearers.forEach((kind, bearer) -> {
            try (LogCapture logs = LogCapture.start()) {
                HttpResponse<?> response = get(endpoint, bearer);
                probes.add(new BearerProbe(bearer, kind, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        introspectionsOf.applyAsLong(bearer), logs.errors()));
            }
        });
        return probes;
    }

    /** Without the bearer itself: a failed assertion names the kind, which is what a reader needs. */
    @Override
    public String toString() {
        return kind + ": " + status + " " + contentType + ", " + introspections + " introspection call(s), errors "
                + errors;
    }

    /** The status {@code endpoint} answers to {@code bearer}, without reading the body (it may be a stream). */
    public static int status(URI endpoint, String bearer) {
        return get(endpoint, bearer).statusCode();
    }

    private static HttpResponse<?> get(URI endpoint, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json, text/event-stream, application/problem+json")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
