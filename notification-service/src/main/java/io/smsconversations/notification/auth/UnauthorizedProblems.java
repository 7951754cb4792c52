package io.smsconversations.notification.auth;

import java.net.URI;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

/**
 * 401 as RFC 9457 problem details, with the authentication challenge ({@code WWW-Authenticate: Bearer}).
 * <p>
 * Why this exists: quarkus-resteasy-problem 3.21.x maps these two exceptions itself but reads
 * {@code ChallengeData.headerName}, a field Quarkus 3.33 no longer has, so every 401 turned into a 500. The
 * releases built for the newer {@code ChallengeData} (3.32.x) are not reachable from our registry. These mappers
 * take precedence (lower priority value) and do the same with the current API. Remove once the suite's
 * resteasy-problem version matches Quarkus.
 */
public class UnauthorizedProblems {

    @ServerExceptionMapper(value = UnauthorizedException.class, priority = Priorities.USER - 100)
    public Uni<Response> unauthorized(RoutingContext request, UnauthorizedException e) {
        return problem(request, "No valid bearer token");
    }

    @ServerExceptionMapper(value = AuthenticationFailedException.class, priority = Priorities.USER - 100)
    public Uni<Response> authenticationFailed(RoutingContext request, AuthenticationFailedException e) {
        return problem(request, "The bearer token is missing, invalid or expired");
    }

    private static Uni<Response> problem(RoutingContext request, String detail) {
        HttpAuthenticator authenticator = request.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null
                ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(request).onFailure().recoverWithNull();
        return challenge.map(data -> {
            int status = data == null ? Response.Status.UNAUTHORIZED.getStatusCode() : data.status;
            HttpProblem.Builder problem = HttpProblem.builder()
                    .withStatus(status)
                    .withTitle(Response.Status.fromStatusCode(status).getReasonPhrase())
                    .withDetail(detail)
                    .withInstance(URI.create(request.request().path()));
            if (data != null) {
                for (Map.Entry<CharSequence, String> header : data.getHeaders().entrySet()) {
                    problem.withHeader(header.getKey().toString(), header.getValue());
                }
            } else {
                problem.withHeader("WWW-Authenticate", "Bearer");
            }
            return problem.build().toResponse();
        });
    }
}
