package io.smsconversations.notification;

import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.notification.live.NotificationHub;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;
import jakarta.inject.Inject;

/**
 * A client that stops reading must not slow the seller's other streams, nor make the service hold an ever-growing
 * queue for it: once more than {@code notification.stream.buffer-size} events wait for it, the server closes its
 * connection (and counts it), while a healthy stream of the same seller gets every notification.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class SlowClientTest {

    /** Generous: the build machine is shared; this is no performance assertion. */
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    /**
     * A notification's text: big, so that the few megabytes the kernel's socket buffers absorb (up to tcp_wmem's
     * 4 MiB here) and the bound (32 events in tests) fill with about a hundred rows instead of thousands.
     */
    private static final String TEXT = "x".repeat(32 * 1024);
    private static final int BATCH = 10;
    private static final int MAX_BATCHES = 40;

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Inject
    NotificationHub hub;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileTheOthersGetEverything() throws Exception {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        double closedBefore = metric("notification_streams_closed_slow_total");
        try (SseClient healthy = SseClient.connect(stream, token); Socket stuck = stuckClient(token)) {
            await().atMost(GENEROUS).until(() -> hub.openStreams(seller) == 2);

            // flood the seller, a batch at a time, until the stuck stream is dropped; the healthy one gets each
            // batch before the next is stored, so nothing but the stuck client holds data back
            int stored = 0;
            int batches = 0;
            while (hub.openStreams(seller) == 2 && batches < MAX_BATCHES) {
                storeBatch(seller);
                stored += BATCH;
                batches++;
                int expected = stored;
                await("healthy stream gets batch " + batches).atMost(GENEROUS)
                        .until(() -> healthy.events().size() >= expected);
            }
            assertThat(hub.openStreams(seller)).as("the stuck stream is closed, the healthy one stays").isEqualTo(1);
            assertThat(metric("notification_streams_closed_slow_total")).isEqualTo(closedBefore + 1);
            assertThat(healthy.ended()).isFalse();
            // the healthy stream got every notification exactly once, in order
            List<String> texts = healthy.events().stream().map(SseClient.Event::data).toList();
            assertThat(texts).hasSize(stored).allMatch(d -> d.contains(TEXT));
            assertThat(healthy.events().stream().map(SseClient.Event::id).distinct().count()).isEqualTo(stored);

            // the stuck client sees its connection end once it reads what the kernel still held for it, instead
            // of waiting for ever
            stuck.setSoTimeout((int) GENEROUS.toMillis());
            assertThat(readUntilClosed(stuck.getInputStream())).as("connection closed by the server").isTrue();

            // and it was not the healthy stream's last word: one more notification still reaches it
            storeBatch(seller);
            int expected = stored + BATCH;
            await().atMost(GENEROUS).until(() -> healthy.events().size() == expected);
        }
    }

    /**
     * Opens a stream over a raw socket with a small receive buffer, reads until the server says it is registered,
     * then never reads again.
     */
    private Socket stuckClient(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the advertised window stays small
        socket.connect(new InetSocketAddress(stream.getHost(), stream.getPort()), 5000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + stream.getRawPath() + " HTTP/1.1\r\nHost: " + stream.getHost() + ":" + stream.getPort()
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.UTF_8).contains(":connected")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream ended before it was connected: " + seen);
            }
            seen.write(b);
        }
        assertThat(seen.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Reads until end of stream or a reset (true); false when the connection stays open (read times out). */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // drain what the kernel buffered before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset
        }
    }

    private void storeBatch(String recipient) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement insert = db.prepareStatement("INSERT INTO notification"
                        + " (recipient_id, kind, title, text, conversation_id, source_event_id)"
                        + " VALUES (?, 'INBOUND_MESSAGE', 'New SMS from ***0123', ?, ?, ?)")) {
            for (int i = 0; i < BATCH; i++) {
                insert.setString(1, recipient);
                insert.setString(2, TEXT);
                insert.setString(3, unique("conv"));
                insert.setString(4, unique("event"));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
