package org.cpe.micro;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 to another server, which a test can cut as a network fault would: {@link #cut()} closes
 * every relayed connection and refuses new ones (the port stays the same), {@link #restore()} accepts again.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean closed;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.port = first.getLocalPort();
        listen(first);
    }

    int port() {
        return port;
    }

    /** Closes every relayed connection and the listening socket: connections to the port are refused. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Listens on the same port again. */
    synchronized void restore() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        listen(again);
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread accepter = new Thread(() -> accept(socket), "tcp-proxy-accept-" + port);
        accepter.setDaemon(true);
        accepter.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed() && !closed) {
            try {
                Socket client = socket.accept();
                Socket server;
                try {
                    server = new Socket(targetHost, targetPort);
                } catch (IOException refused) {
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // the listener was closed by cut() or close()
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed or was cut
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        cut();
    }
}
