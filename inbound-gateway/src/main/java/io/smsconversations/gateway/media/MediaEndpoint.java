package io.smsconversations.gateway.media;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smsconversations.events.LogSafe;
import io.smsconversations.events.MediaRequests;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /internal/media/{mediaId}}: one stored media item's bytes, fetched from its provider with the provider's
 * credentials and streamed. Internal: for conversation-service, which signs each request with the shared secret
 * ({@link MediaRequests}); it is on no Ingress and no seller token is accepted. A plain Vert.x route rather than a
 * JAX-RS resource because it pipes the provider's body through with back-pressure and decides the status only once
 * the provider has answered. Refusals are problem details; outcomes are counted as
 * {@code sms_media_fetches_total{outcome}}.
 */
@ApplicationScoped
public class MediaEndpoint {

    private static final Logger LOG = Logger.getLogger(MediaEndpoint.class);

    private final MediaConfig config;
    private final MediaStore store;
    private final MediaProxy proxy;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final MediaRequestVerifier verifier;

    MediaEndpoint(MediaConfig config, MediaStore store, MediaProxy proxy, MeterRegistry metrics) {
        this.config = config;
        this.store = store;
        this.proxy = proxy;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
        this.verifier = new MediaRequestVerifier(config.signingSecret().orElse(""), config.maxSignatureAge());
    }

    void routes(@Observes Router router) {
        router.get(MediaRequests.PATH_PREFIX + ":mediaId").handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String mediaId = context.pathParam("mediaId");
        if (!config.enabled()) {
            answer(context, MediaProblem.notFound("This gateway does not serve media (gateway.media.enabled)."),
                    "disabled");
            return;
        }
        Optional<String> refusal = verifier.refusal(mediaId, context.request().getHeader(MediaRequests.EXPIRES_HEADER),
                context.request().getHeader(MediaRequests.SIGNATURE_HEADER), clock.instant());
        if (refusal.isPresent()) {
            LOG.warnf("Refused a media request: %s", refusal.get());
            context.response().putHeader("WWW-Authenticate", "MediaSignature");
            answer(context, MediaProblem.unauthenticated(refusal.get()), "unauthenticated");
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(mediaId);
        } catch (IllegalArgumentException e) {
            answer(context, MediaProblem.notFound("No media item has this id."), "not_found");
            return;
        }
        store.find(id).subscribe().with(found -> {
            if (found.isEmpty()) {
                answer(context, MediaProblem.notFound("No media item has this id."), "not_found");
                return;
            }
            proxy.stream(found.get(), context.response(), problem -> answer(context, problem, null),
                    outcome -> count(outcome.name().toLowerCase(java.util.Locale.ROOT)));
        }, failure -> {
            LOG.warnf("Media %s: the media store did not answer: %s", id, LogSafe.failure(failure));
            answer(context, MediaProblem.unavailable("The media store is not available; try again later."),
                    "store_unavailable");
        });
    }

    private void answer(RoutingContext context, MediaProblem problem, String outcome) {
        if (outcome != null) {
            count(outcome);
        }
        if (context.response().headWritten()) {
            context.response().reset();
            return;
        }
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(problem.json(context.request().path()).encode());
    }

    private void count(String outcome) {
        metrics.counter("sms_media_fetches_total", "outcome", outcome).increment();
    }
}
