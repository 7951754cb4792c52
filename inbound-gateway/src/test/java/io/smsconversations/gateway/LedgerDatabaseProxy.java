package io.smsconversations.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * A TCP relay between the gateway's reactive pool and the real PostgreSQL server, so a test can take the ledger's
 * database away the way a failover does: {@link #cut()} closes every connection and stops listening (new connections
 * are refused), {@link #restore()} listens on the same port again. Flyway reaches the server directly.
 */
public final class LedgerDatabaseProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetClient client = vertx.createNetClient();
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final String targetHost;
    private final int targetPort;
    private int port;
    private NetServer server;

    public LedgerDatabaseProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listen(0);
    }

    public int port() {
        return port;
    }

    /** The database is gone: open connections are closed, new ones refused. */
    public synchronized void cut() {
        await(server.close());
        server = null;
        open.forEach(NetSocket::close);
        open.clear();
    }

    /** The database is back, on the same address. */
    public synchronized void restore() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private synchronized void listen(int wanted) {
        NetServer created = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(wanted)
                .setReuseAddress(true));
        created.connectHandler(this::relay);
        server = await(created.listen());
        port = server.actualPort();
    }

    private void relay(NetSocket downstream) {
        open.add(downstream);
        downstream.pause();
        client.connect(targetPort, targetHost).onComplete(connected -> {
            if (connected.failed()) {
                downstream.close();
                return;
            }
            NetSocket upstream = connected.result();
            open.add(upstream);
            downstream.closeHandler(ignored -> upstream.close());
            upstream.closeHandler(ignored -> downstream.close());
            downstream.pipeTo(upstream);
            upstream.pipeTo(downstream);
            downstream.resume();
        });
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the ledger proxy did not answer", e);
        }
    }
}
