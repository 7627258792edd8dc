package org.cpe.activity.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * HTTP GET for activities that fetch what a job names, under an {@link OutboundPolicy}: every connection, the first
 * and each redirect's, goes to an address the policy allowed after resolving the host itself, so a name that resolves
 * differently a moment later (DNS rebinding) or a redirect to an internal address gets nowhere. HTTPS checks the
 * server's certificate and host name as browsers do. HTTP/1.1, one connection per request, at most
 * {@value #MAX_REDIRECTS} redirects. Thread-safe.
 */
public final class OutboundHttp {

    static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final OutboundHttp PUBLIC_ONLY = new OutboundHttp(OutboundPolicy.publicOnly());

    private final OutboundPolicy policy;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public OutboundHttp(OutboundPolicy policy) {
        this(policy, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /**
     * @param readTimeout the longest silence while waiting for the answer or its next bytes
     */
    public OutboundHttp(OutboundPolicy policy, Duration connectTimeout, Duration readTimeout) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Fetches public addresses only. */
    public static OutboundHttp publicOnly() {
        return PUBLIC_ONLY;
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /**
     * GETs {@code uri}, following redirects. The caller reads the body and closes the response; closing it from
     * another thread (for example when the task is canceled) ends a read in progress.
     *
     * @throws ActivityException {@value ActivityReasons#ADDRESS_NOT_ALLOWED} when the URL or a redirect is refused,
     *     or the redirects do not end
     * @throws IOException when the host cannot be resolved or reached, or the answer is not HTTP
     */
    public HttpAnswer get(URI uri) throws ActivityException, IOException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpAnswer answer = exchange(current);
            String location = answer.header("location");
            if (!REDIRECTS.contains(answer.status()) || location == null) {
                return answer;
            }
            answer.close();
            if (hop == MAX_REDIRECTS) {
                throw new ActivityException(
                        ActivityReasons.ADDRESS_NOT_ALLOWED,
                        uri + " redirects more than " + MAX_REDIRECTS + " times; the last went to " + current);
            }
            current = redirect(current, location);
        }
    }

    private HttpAnswer exchange(URI uri) throws ActivityException, IOException {
        List<InetAddress> addresses = policy.addressesFor(uri);
        String host = OutboundPolicy.host(uri);
        int port = OutboundPolicy.port(uri);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        Socket socket = connect(addresses, port);
        try {
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            if (tls) {
                socket = secure(socket, host, port);
            }
            String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String hostHeader = uri.getRawAuthority().replaceFirst("^[^@]*@", "");
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader + "\r\n"
                    + "User-Agent: CPE\r\n"
                    + "Accept: */*\r\n"
                    + "Accept-Encoding: identity\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return HttpAnswer.read(uri, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Socket connect(List<InetAddress> addresses, int port) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), Math.toIntExact(connectTimeout.toMillis()));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last == null ? new IOException("no address to connect to") : last;
    }

    private static Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket socket =
                (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static URI redirect(URI from, String location) throws ActivityException {
        try {
            URI next = from.resolve(new URI(location.trim()));
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ActivityException(
                        ActivityReasons.ADDRESS_NOT_ALLOWED,
                        from + " redirects to " + location + ", which is not an http(s) URL");
            }
            return next;
        } catch (URISyntaxException e) {
            throw new ActivityException(
                    ActivityReasons.ADDRESS_NOT_ALLOWED, from + " redirects to a malformed URL: " + location);
        }
    }
}
