package io.smsconversations.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface, so parallel runs on one machine never collide.
 * <p>
 * Why not {@code new ServerSocket(0)}: the kernel hands out such ports from its ephemeral range (32768-60999 on
 * Linux), the same range every outgoing connection takes its local port from. A port picked that way and bound by a
 * service half a minute later (a Quarkus jar binds HTTP last, after its Kafka and PostgreSQL clients have opened
 * dozens of connections) was once taken in between by someone's outgoing connection, and the service died with
 * "port in use". Ports here come from below that range, where only listeners live, chosen at random (so parallel
 * builds rarely try the same one) and never handed out twice by one JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on loopback between " + LOWEST + " and " + HIGHEST
                + " after " + ATTEMPTS + " attempts");
    }

    /** {@code requested} itself, or a free port when it is 0. */
    public static int orNext(int requested) {
        return requested == 0 ? next() : requested;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
