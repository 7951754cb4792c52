package io.smsconversations.conversation.media;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.LogSafe;
import io.smsconversations.events.MediaRequests;
import io.smsconversations.restproblems.Problem;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Asks inbound-gateway for one media item, signed with the shared secret ({@link MediaRequests}), and hands back its
 * body as a stream with back-pressure: nothing is buffered here. What the gateway refuses becomes this service's own
 * problem: 404 when the provider no longer has it, 502 when the gateway or the provider failed, 503 when the gateway
 * cannot be reached or media is not configured.
 */
@ApplicationScoped
public class GatewayMedia {

    private static final Logger LOG = Logger.getLogger(GatewayMedia.class);

    private final MediaSettings settings;
    private final MediaGatewayAddress address;
    private final HttpClient client;
    private final Clock clock;

    GatewayMedia(MediaSettings settings, MediaGatewayAddress address, Vertx vertx) {
        this.settings = settings;
        this.address = address;
        this.clock = Clock.systemUTC();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.responseTimeout().toMillis())
                // A history with several pictures loads them at once, each holding a connection while it streams.
                .setMaxPoolSize(32));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    public Uni<OpenedMedia> open(String mediaId) {
        String secret = settings.signingSecret().map(String::strip).orElse("");
        if (secret.isEmpty()) {
            return Uni.createFrom().failure(unavailable("Media cannot be fetched: this service has no media signing "
                    + "secret (conversation.media.signing-secret)."));
        }
        long expires = clock.instant().plus(settings.signatureValidity()).getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(address.baseUrl() + MediaRequests.path(mediaId))
                .setConnectTimeout(settings.responseTimeout().toMillis())
                .setIdleTimeout(settings.idleTimeout().toMillis())
                .putHeader(MediaRequests.EXPIRES_HEADER, Long.toString(expires))
                .putHeader(MediaRequests.SIGNATURE_HEADER, MediaRequests.signature(secret, mediaId, expires));
        return client.request(options)
                .chain(request -> request.send())
                .ifNoItem().after(settings.responseTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("Media %s: the gateway did not answer: %s", mediaId, LogSafe.failure(failure));
                    return unavailable("The media gateway is not reachable; try again later.");
                })
                .chain(response -> answered(mediaId, response));
    }

    private Uni<OpenedMedia> answered(String mediaId, HttpClientResponse response) {
        int status = response.statusCode();
        if (status == 200) {
            // Paused until the caller's stream asks for bytes: none is read ahead of demand.
            response.pause();
            String length = response.getHeader("Content-Length");
            return Uni.createFrom().item(new OpenedMedia(response.getHeader("Content-Type"),
                    length == null ? -1 : Long.parseLong(length.strip()), response.toMulti().map(Buffer::getBytes)));
        }
        // The gateway's problem is small and names no provider URL; only its status decides ours.
        return response.body().onFailure().recoverWithItem(Buffer.buffer()).map(body -> {
            LOG.warnf("Media %s: the gateway answered %d", mediaId, status);
            if (status == 404) {
                throw Problem.of(404).type("media-not-found").title("Media not found")
                        .detail("The provider no longer has this media item.").build();
            }
            if (status == 401) {
                throw Problem.of(502).type("media-gateway-refused").title("Media gateway refused the request")
                        .detail("The media gateway did not accept this service's signature (are the signing "
                                + "secrets the same?).").build();
            }
            if (status == 503) {
                throw unavailable("The media gateway is not available; try again later.");
            }
            throw Problem.of(502).type("media-unavailable").title("Media unavailable")
                    .detail("The media item could not be fetched from the provider (gateway answered " + status
                            + ").").build();
        });
    }

    private static RuntimeException unavailable(String detail) {
        return Problem.of(503).type("media-gateway-unavailable").title("Media gateway unavailable").detail(detail)
                .header("Retry-After", 5).build();
    }
}
