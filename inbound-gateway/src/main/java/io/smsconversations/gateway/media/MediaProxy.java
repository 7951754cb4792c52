package io.smsconversations.gateway.media;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smsconversations.events.LogSafe;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * Fetches one media item from its provider and streams it to the caller, chunk by chunk with back-pressure (the body
 * is never held whole). Every hop, the first and each redirect, must go to a host of the provider's
 * {@link MediaPolicy} (else no request is made at all); the provider's credentials go to its own media hosts only.
 * Everything that can be refused before the first byte (host, status, content type, a declared length over the
 * bound) is answered as a problem; a body that turns out longer than the bound is cut off and the answer aborted (the
 * caller sees a broken response, never a truncated file that looks whole).
 */
@ApplicationScoped
public class MediaProxy {

    private static final Logger LOG = Logger.getLogger(MediaProxy.class);

    private final HttpClient client;
    private final MediaConfig config;
    private final ProviderCredentials credentials;

    MediaProxy(Vertx vertx, MediaConfig config, ProviderCredentials credentials) {
        this.config = config;
        this.credentials = credentials;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                // A streamed item holds its connection until the caller has read it: more than Vert.x's 5 per host.
                .setMaxPoolSize(32)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** What became of one fetch, for the log line and the metric. */
    public enum Outcome { STREAMED, REFUSED, ABORTED }

    /**
     * Streams {@code item} into {@code out}, or calls {@code refuse} with the problem to answer before any byte was
     * written; {@code done} hears the outcome once.
     */
    public void stream(ProviderMedia item, HttpServerResponse out, Consumer<MediaProblem> refuse,
            Consumer<Outcome> done) {
        MediaPolicy policy = MediaPolicy.of(config, item.provider());
        Optional<URI> start = MediaPolicy.parse(item.url());
        if (start.isEmpty()) {
            refuse.accept(MediaProblem.refusedHost("The stored media URL is not an absolute URL."));
            done.accept(Outcome.REFUSED);
            return;
        }
        new Fetch(item, policy, out, refuse, done).hop(start.get(), 0);
    }

    /** One fetch's state: which hop it is on, how many bytes it passed on. */
    private final class Fetch {

        private final ProviderMedia item;
        private final MediaPolicy policy;
        private final HttpServerResponse out;
        private final Consumer<MediaProblem> refuse;
        private final Consumer<Outcome> done;
        private long bytes;
        private boolean finished;

        Fetch(ProviderMedia item, MediaPolicy policy, HttpServerResponse out, Consumer<MediaProblem> refuse,
                Consumer<Outcome> done) {
            this.item = item;
            this.policy = policy;
            this.out = out;
            this.refuse = refuse;
            this.done = done;
        }

        void hop(URI uri, int redirects) {
            if (!policy.mayFetch(uri)) {
                refused(MediaProblem.refusedHost((redirects == 0 ? "The media URL" : "Redirect " + redirects)
                        + " leads to a host that is not one of " + item.provider() + "'s media hosts "
                        + "(gateway.media.providers." + item.provider() + "); nothing was fetched from it."));
                return;
            }
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(uri.toString())
                    .setFollowRedirects(false)
                    .setConnectTimeout(config.connectTimeout().toMillis())
                    .setIdleTimeout(config.idleTimeout().toMillis())
                    .putHeader(HttpHeaders.USER_AGENT, "sms-conversations-inbound-gateway");
            if (policy.mayAuthenticate(uri)) {
                credentials.authorization(item.provider())
                        .ifPresent(value -> options.putHeader(HttpHeaders.AUTHORIZATION, value));
            }
            client.request(options).compose(HttpClientRequest::send).onComplete(answer -> {
                if (answer.failed()) {
                    LOG.warnf("Media %s: %s did not answer: %s", item.id(), item.provider(),
                            LogSafe.failure(answer.cause()));
                    refused(MediaProblem.providerFailed("The provider did not answer (" + answer.cause().getClass()
                            .getSimpleName() + "); try again later."));
                    return;
                }
                answered(uri, redirects, answer.result());
            });
        }

        private void answered(URI uri, int redirects, HttpClientResponse response) {
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.getHeader(HttpHeaders.LOCATION) != null) {
                String location = response.getHeader(HttpHeaders.LOCATION);
                response.request().reset();
                if (redirects >= config.maxRedirects()) {
                    refused(MediaProblem.providerFailed("The provider redirected more than "
                            + config.maxRedirects() + " times."));
                    return;
                }
                Optional<URI> next = resolve(uri, location);
                if (next.isEmpty()) {
                    refused(MediaProblem.refusedHost("Redirect " + (redirects + 1) + " is not a URL."));
                    return;
                }
                hop(next.get(), redirects + 1);
                return;
            }
            if (status < 200 || status >= 300) {
                response.request().reset();
                refused(status == 404 || status == 410
                        ? MediaProblem.notFound("The provider no longer has this media item (it answered " + status
                                + ").")
                        : MediaProblem.providerFailed("The provider answered " + status + " for this media item."));
                return;
            }
            String type = MediaTypes.essence(response.getHeader(HttpHeaders.CONTENT_TYPE)).orElse(null);
            if (type == null || !MediaTypes.allowed(type, config.allowedContentTypes())) {
                response.request().reset();
                refused(MediaProblem.typeRefused("The provider's content type " + (type == null ? "(none)" : type)
                        + " is not one the gateway passes on (gateway.media.allowed-content-types)."));
                return;
            }
            long declared = declaredLength(response);
            if (declared > config.maxBytes()) {
                response.request().reset();
                refused(MediaProblem.tooLarge("The item has " + declared + " bytes, more than the "
                        + config.maxBytes() + " allowed (gateway.media.max-bytes)."));
                return;
            }
            pipe(response, type, declared);
        }

        private void pipe(HttpClientResponse response, String type, long declared) {
            out.setStatusCode(200);
            out.putHeader(HttpHeaders.CONTENT_TYPE, type);
            out.putHeader("X-Content-Type-Options", "nosniff");
            out.putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            if (declared >= 0) {
                out.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
            } else {
                out.setChunked(true);
            }
            out.closeHandler(closed -> {
                if (!finished) {
                    // The caller went away: stop reading from the provider too.
                    response.request().reset();
                    finish(Outcome.ABORTED);
                }
            });
            response.exceptionHandler(failure -> {
                LOG.warnf("Media %s: the provider's body failed after %d bytes: %s", item.id(), bytes,
                        LogSafe.failure(failure));
                out.reset();
                finish(Outcome.ABORTED);
            });
            response.handler(chunk -> {
                if (finished) {
                    return;
                }
                bytes += chunk.length();
                if (bytes > config.maxBytes()) {
                    LOG.warnf("Media %s: the provider's body passed %d bytes (gateway.media.max-bytes); aborted",
                            item.id(), config.maxBytes());
                    response.request().reset();
                    out.reset();
                    finish(Outcome.ABORTED);
                    return;
                }
                out.write(chunk);
                if (out.writeQueueFull()) {
                    response.pause();
                    out.drainHandler(drained -> response.resume());
                }
            });
            response.endHandler(end -> {
                if (!finished) {
                    out.end();
                    finish(Outcome.STREAMED);
                }
            });
        }

        private void refused(MediaProblem problem) {
            refuse.accept(problem);
            finish(Outcome.REFUSED);
        }

        private void finish(Outcome outcome) {
            if (!finished) {
                finished = true;
                done.accept(outcome);
            }
        }
    }

    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<URI> resolve(URI base, String location) {
        try {
            return Optional.of(base.resolve(location.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
