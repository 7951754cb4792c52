package io.smsconversations.restproblems;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A missing, invalid or expired bearer token is a 401 problem carrying the authentication challenge
 * ({@code WWW-Authenticate: Bearer}).
 * <p>
 * Why this exists: quarkus-resteasy-problem 3.21.0, the newest release our registry serves, maps these exceptions
 * itself but reads {@code ChallengeData.headerName}, a field Quarkus 3.33 no longer has, so every 401 became a 500.
 * This mapper takes precedence (priority 4000, below the library's 4999). Delete it once the extension can be moved
 * to a release built for Quarkus 3.32 or newer.
 */
public class UnauthorizedProblems {

    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class },
            priority = 4000)
    public Uni<Response> unauthorized(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(context).onFailure().recoverWithNull();
        return challenge.map(data -> {
            HttpProblem.Builder problem = HttpProblem.builder()
                    .withStatus(Response.Status.UNAUTHORIZED)
                    .withTitle("Unauthorized")
                    .withDetail("A valid bearer token is required")
                    .withInstance(URI.create(context.request().path()));
            Map<CharSequence, String> headers = data == null ? Map.of() : data.getHeaders();
            if (headers.isEmpty()) {
                problem.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            } else {
                headers.forEach((name, value) -> problem.withHeader(name.toString(), value));
            }
            return problem.build().toResponse();
        });
    }
}
