package io.smsconversations.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.KafkaTestClient;

/**
 * The simulated Twilio of the fault run: the Messages API's send ({@code POST}) and list ({@code GET}, by
 * {@code To}/{@code From}, newest first), which the gateway uses to look up a send whose outcome it does not know.
 * The gateway's own simulator cannot serve here: it keeps its messages in the gateway's memory, which a
 * {@code kill -9} of the gateway wipes, and the run must count what reached the provider across those kills. It runs
 * in the test JVM, which nothing kills, and keeps every send it was given.
 */
final class FakeTwilioApi implements AutoCloseable {

    private static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US).withZone(ZoneOffset.UTC);

    /** One send the API accepted. */
    record Sent(String sid, String from, String to, String body, Instant createdAt) {
    }

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private FakeTwilioApi(HttpServer server) {
        this.server = server;
    }

    static FakeTwilioApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 64);
            FakeTwilioApi api = new FakeTwilioApi(server);
            server.createContext("/2010-04-01/Accounts/", api::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulated Twilio", e);
        }
    }

    /** What the gateway's {@code gateway.twilio.api-base-url} must be. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                answer(exchange, 404, Map.of("code", 20404, "message", "The requested resource was not found"));
            } else if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                answer(exchange, 401, Map.of("code", 20003, "message", "Authenticate"));
            } else if ("POST".equals(exchange.getRequestMethod())) {
                Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                if (form.get("To") == null || form.get("From") == null || form.get("Body") == null) {
                    answer(exchange, 400, Map.of("code", 21602, "message", "To, From and Body are required."));
                    return;
                }
                Sent message = new Sent("SM" + UUID.randomUUID().toString().replace("-", ""), form.get("From"),
                        form.get("To"), form.get("Body"), Instant.now());
                sent.add(message);
                answer(exchange, 201, representation(message));
            } else {
                Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
                int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
                List<Map<String, Object>> page = new ArrayList<>(sent.stream()
                        .filter(m -> query.get("To") == null || query.get("To").equals(m.to()))
                        .filter(m -> query.get("From") == null || query.get("From").equals(m.from()))
                        .sorted(Comparator.comparing(Sent::createdAt).reversed())
                        .limit(pageSize).map(FakeTwilioApi::representation).toList());
                answer(exchange, 200, Map.of("messages", page, "page", 0, "page_size", pageSize));
            }
        }
    }

    private static Map<String, Object> representation(Sent message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sid", message.sid());
        answer.put("from", message.from());
        answer.put("to", message.to());
        answer.put("body", message.body());
        answer.put("status", "queued");
        answer.put("direction", "outbound-api");
        answer.put("num_segments", "1");
        answer.put("date_created", TWILIO_DATE.format(message.createdAt()));
        return answer;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = KafkaTestClient.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }
}
