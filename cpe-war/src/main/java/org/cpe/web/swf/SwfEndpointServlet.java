package org.cpe.web.swf;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.embedded.swf.EmbeddedSwfService;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.http.Reply;
import org.cpe.swf.http.SigV4Verifier;
import org.cpe.swf.http.SwfJsonProtocol;

/**
 * SWF's wire protocol for the embedded service, so that pollers on other machines, the AWS SDKs and boto3 reach it
 * with an endpoint override of {@code http://host:8080/swf}. A long poll holds its request up to a minute, so each
 * request runs asynchronously on the container's executor instead of pinning an HTTP worker thread.
 */
@WebServlet(
        urlPatterns = {"/swf", "/swf/*"},
        asyncSupported = true)
public class SwfEndpointServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(SwfEndpointServlet.class.getName());

    /** Above the longest poll the service allows (60 s), so the container never cuts a poll short. */
    private static final long ASYNC_TIMEOUT_MS = 90_000;

    @Inject
    EmbeddedSwfService service;

    @Inject
    CpeConfiguration configuration;

    @Resource
    ManagedExecutorService executor;

    private volatile SwfJsonProtocol protocol;
    private volatile Optional<SigV4Verifier> signatures;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!service.isRunning()) {
            notServedHere(response);
        } else if (!"POST".equals(request.getMethod())) {
            send(protocol().methodNotAllowed(request.getMethod()), response);
        } else {
            answerAsync(request);
        }
    }

    private void answerAsync(HttpServletRequest request) {
        AsyncContext async = request.startAsync();
        async.setTimeout(ASYNC_TIMEOUT_MS);
        executor.execute(() -> {
            try {
                send(answer(request), (HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "An SWF request could not be answered; the client went away", e);
            } finally {
                async.complete();
            }
        });
    }

    /** The protocol's answer, once the request's signature holds (unless the endpoint is configured open). */
    private Reply answer(HttpServletRequest request) throws IOException {
        Optional<SigV4Verifier> verifier = signatures();
        if (verifier.isEmpty()) {
            return protocol()
                    .handle(
                            request.getHeader("X-Amz-Target"),
                            request.getContentType(),
                            request.getContentLengthLong(),
                            request.getInputStream());
        }
        byte[] body = request.getInputStream().readNBytes(SwfJsonProtocol.MAX_REQUEST_BYTES + 1);
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        Optional<Reply> refused = verifier.get()
                .check(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        return protocol().handle(request.getHeader("X-Amz-Target"), request.getContentType(), body);
    }

    private Optional<SigV4Verifier> signatures() {
        Optional<SigV4Verifier> v = signatures;
        if (v == null) {
            CpeSettings settings = configuration.settings();
            v = settings.embeddedSwf().signaturesRequired()
                    ? Optional.of(new SigV4Verifier(settings.acceptedAccessKeys(), Clock.systemUTC()))
                    : Optional.empty();
            signatures = v;
        }
        return v;
    }

    private SwfJsonProtocol protocol() {
        SwfJsonProtocol p = protocol;
        if (p == null) {
            p = new SwfJsonProtocol(new EmbeddedSwfClient(service.engine()));
            protocol = p;
        }
        return p;
    }

    private static void send(Reply reply, HttpServletResponse response) throws IOException {
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        reply.headers().forEach(response::setHeader);
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }

    private static void notServedHere(HttpServletResponse response) throws IOException {
        byte[] body =
                ("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\",\"message\":\"This CPE server"
                                + " does not run the embedded-swf role; point cpe.swf.endpoint at the server that does\"}")
                        .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(Reply.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
