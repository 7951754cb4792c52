package io.smsconversations.conversation.access;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/**
 * A missing or invalid bearer token is a 401 problem with a {@code WWW-Authenticate: Bearer} challenge.
 * <p>
 * Why here and not in quarkus-resteasy-problem: its 401 mappers (3.21.0) read a field of the OIDC challenge that
 * Quarkus 3.33 no longer has ({@code NoSuchFieldError: headerName}) and answer 500. These mappers take precedence
 * (priority below its 4999) until the library is upgraded.
 */
public class UnauthorizedProblems {

    private static final String DETAIL = "A valid bearer token is required";

    @ServerExceptionMapper(priority = 4000)
    public Response authenticationFailed(AuthenticationFailedException failure, RoutingContext request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response unauthorized(UnauthorizedException failure, RoutingContext request) {
        return unauthorized(request);
    }

    private static Response unauthorized(RoutingContext request) {
        return HttpProblem.builder()
                .withStatus(Response.Status.UNAUTHORIZED)
                .withTitle(Response.Status.UNAUTHORIZED.getReasonPhrase())
                .withDetail(DETAIL)
                .withInstance(URI.create(request.request().path()))
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build()
                .toResponse();
    }
}
