package org.cpe.web.s3;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.embedded.s3.EmbeddedS3Service;
import org.cpe.s3.http.S3Reply;
import org.cpe.s3.http.S3Request;
import org.cpe.s3.http.S3RestProtocol;
import org.cpe.swf.http.SigV4Verifier;

/**
 * S3's REST protocol for the embedded store, so that workers on other machines, the AWS CLI and the SDKs reach it with
 * an endpoint override of {@code http://host:8080/s3} and path-style requests. Requests are signed with the access keys
 * the SWF endpoint accepts, unless {@code cpe.embedded-s3.signatures=open}.
 */
@WebServlet(urlPatterns = {"/s3", "/s3/*"})
public class S3EndpointServlet extends HttpServlet {

    @Inject
    EmbeddedS3Service service;

    @Inject
    CpeConfiguration configuration;

    private volatile S3RestProtocol protocol;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!service.isRunning()) {
            send(
                    S3RestProtocol.error(
                            404,
                            "NoSuchEndpoint",
                            "This CPE server does not run the embedded-s3 role; point cpe.media.s3.endpoint at the"
                                    + " server that does",
                            request.getRequestURI(),
                            UUID.randomUUID().toString()),
                    request,
                    response);
            return;
        }
        String uri = request.getRequestURI();
        int mount = request.getContextPath().length() + request.getServletPath().length();
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        S3Request s3Request = new S3Request(
                request.getMethod(),
                uri.substring(Math.min(mount, uri.length())),
                uri,
                request.getQueryString(),
                headers,
                request.getInputStream());
        send(protocol().handle(s3Request), request, response);
    }

    private static void send(S3Reply reply, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            response.setStatus(reply.status());
            reply.headers().forEach(response::setHeader);
            response.setContentLengthLong(reply.length());
            reply.send(response.getOutputStream(), "HEAD".equalsIgnoreCase(request.getMethod()));
        } finally {
            reply.release();
        }
    }

    private S3RestProtocol protocol() {
        S3RestProtocol p = protocol;
        if (p == null) {
            CpeSettings settings = configuration.settings();
            Optional<SigV4Verifier> verifier = settings.embeddedS3().signaturesRequired()
                    ? Optional.of(new SigV4Verifier(settings.acceptedAccessKeys(), Clock.systemUTC()))
                    : Optional.empty();
            p = new S3RestProtocol(service.store(), verifier, settings.aws().region());
            protocol = p;
        }
        return p;
    }
}
