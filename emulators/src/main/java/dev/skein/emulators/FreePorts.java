package dev.skein.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks TCP ports that are free right now, for servers that cannot be told to bind port 0. */
final class FreePorts {
    private FreePorts() {
    }

    /**
     * Returns {@code count} distinct ports free on all interfaces. They are free only until someone
     * else takes them: callers start their server at once and retry on a bind failure.
     */
    static int[] pick(int count) {
        // All sockets stay open until every port is chosen, so the kernel cannot hand one out twice.
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket();
                sockets[i].bind(new InetSocketAddress(0));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing was sent on it; a failed close cannot leak more than the port itself.
        }
    }
}
