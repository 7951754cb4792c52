package io.smsconversations.routing.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Request body limits per route. Quarkus 3.33 has one server-wide limit ({@code quarkus.http.limits.max-body-size},
 * checked on the declared Content-Length by a route of order -2, and while streaming for bodies without one); it has
 * no per-route setting. So the server-wide limit is the bulk import's ({@code routing.import.max-body-size}, 1G),
 * and this route, right after Quarkus's, holds every other path to {@code routing.http.max-body-size} (10M, Quarkus's
 * own default):
 * <ul>
 * <li>a declared Content-Length above it: 413, before a byte of the body is read;</li>
 * <li>a body without a declared length (chunked): 411. Quarkus REST buffers a JSON body up to the server-wide limit
 * before the resource sees it, so only a declared length can be checked in time; the admin API's JSON bodies are
 * small and every ordinary client declares their length.</li>
 * </ul>
 * Only {@code POST /api/admin/records/import}, which reads its body as a stream line by line, takes larger bodies.
 */
@ApplicationScoped
public class BodyLimits {

    /** Right after Quarkus's own limit check (order -2), before authentication and the REST resources. */
    static final int ORDER = -1;

    private final MemorySize limit;

    BodyLimits(@ConfigProperty(name = "routing.http.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (RecordImportResource.PATH.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                refuse(context, 400, "Bad Request", "the Content-Length header is not a number");
                return;
            }
            if (length > limit.asLongValue()) {
                refuse(context, 413, "Request Entity Too Large", "the body is larger than "
                        + limit.asLongValue() + " bytes; only POST " + RecordImportResource.PATH
                        + " takes larger bodies");
                return;
            }
        } else if (chunked(request)) {
            refuse(context, 411, "Length Required", "a body needs a Content-Length header on this path (only POST "
                    + RecordImportResource.PATH + " takes bodies of undeclared length)");
            return;
        }
        context.next();
    }

    private static boolean chunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaderNames.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT)
                .contains(HttpHeaderValues.CHUNKED.toString());
    }

    /** An RFC 9457 problem; the connection is closed, as Quarkus does, so the unread body is never read. */
    private static void refuse(RoutingContext context, int status, String title, String detail) {
        JsonObject problem = new JsonObject().put("status", status).put("title", title).put("detail", detail)
                .put("instance", context.request().path());
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .end(problem.encode());
    }
}
