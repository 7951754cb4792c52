package io.smsconversations.conversation.media;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smsconversations.events.MediaRequests;

/**
 * A stand-in for inbound-gateway's media endpoint on a free port (the JDK's HTTP server): it checks the request's
 * signature as the gateway does and answers what a test registered for the media id. {@link #down()} points the
 * service at a port nobody listens on.
 */
final class StubGateway {

    static final String SECRET = "local-media-signing-secret";

    /** What the stub answers for one media id. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static volatile boolean down;
    private static HttpServer server;

    private StubGateway() {
    }

    static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext(MediaRequests.PATH_PREFIX, StubGateway::handle);
            server.start();
        }
        // Port 1 is privileged and closed here: a refused connection, as when the gateway is down.
        return down ? "http://127.0.0.1:1" : "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void answer(String mediaId, Answer answer) {
        ANSWERS.put(mediaId, answer);
    }

    static int requests() {
        return REQUESTS.get();
    }

    static void down(boolean isDown) {
        down = isDown;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        String mediaId = exchange.getRequestURI().getPath().substring(MediaRequests.PATH_PREFIX.length());
        String expires = exchange.getRequestHeaders().getFirst(MediaRequests.EXPIRES_HEADER);
        String signature = exchange.getRequestHeaders().getFirst(MediaRequests.SIGNATURE_HEADER);
        Answer answer = ANSWERS.get(mediaId);
        if (expires == null || signature == null
                || !MediaRequests.signature(SECRET, mediaId, Long.parseLong(expires)).equals(signature)) {
            answer = new Answer(401, "application/problem+json", "{\"status\":401}".getBytes(StandardCharsets.UTF_8));
        } else if (answer == null) {
            answer = new Answer(404, "application/problem+json", "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }
}
