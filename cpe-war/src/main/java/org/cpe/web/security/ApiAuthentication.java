package org.cpe.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import org.cpe.config.SecuritySettings.ApiRole;

/**
 * HTTP Basic authentication of the API (the resources that {@code web.xml} protects), with refusals as JSON.
 *
 * <p>A browser's own login dialog would keep the credentials and send them with any page's requests; so a request
 * that says it comes from a script ({@code X-Requested-With}, as the console's do) gets its 401 without the {@code
 * WWW-Authenticate: Basic} challenge, and the console asks for the credentials in its own form. Failed logins are
 * slowed down per user and per address ({@link LoginThrottle}).
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

    /** The user that requests from this machine act as under {@code cpe.security.api-access=open-local}. */
    public static final String LOCAL_USER = "local";

    @Inject
    IdentityStoreHandler identities;

    @Inject
    ApiUsers users;

    private final LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!context.isProtected()) {
            // Health, metrics, OpenAPI, the console's files and the SWF and S3 endpoints need no user: credentials a
            // probe sends there are not checked, so they neither log in nor count as failed logins.
            return context.doNothing();
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<UsernamePasswordCredential> credential =
                    basic(header.substring(6).trim());
            if (credential.isEmpty()) {
                return refuse(request, response, "The Authorization header is not Basic base64(user:password)");
            }
            LoginThrottle.Attempt attempt = throttle.begin(credential.get().getCaller(), request.getRemoteAddr());
            if (!attempt.admitted()) {
                // Refused before the password is checked, so that guessing during the wait learns nothing.
                return tooManyAttempts(response, attempt);
            }
            CredentialValidationResult result = null;
            try {
                result = identities.validate(credential.get());
            } finally {
                throttle.end(attempt, result != null && result.getStatus() == CredentialValidationResult.Status.VALID);
            }
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
            }
            return refuse(request, response, "Wrong user name or password");
        }
        String needed = "The API needs a user: send HTTP Basic credentials of one of cpe.security.users"
                + " (the console asks for them)";
        if (users.openLocal()) {
            Optional<String> notLocal = new OpenLocalGate(users.localHosts())
                    .refusal(
                            request.getRemoteAddr(),
                            request.getHeader("Host"),
                            Collections.list(request.getHeaderNames()));
            if (notLocal.isEmpty()) {
                return context.notifyContainerAboutLogin(LOCAL_USER, ApiUsers.groups(ApiRole.OPERATOR));
            }
            needed += ". cpe.security.api-access=" + notLocal.get();
        }
        return refuse(request, response, needed);
    }

    private static Optional<UsernamePasswordCredential> basic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(
                    new UsernamePasswordCredential(pair.substring(0, colon), new Password(pair.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code 429 TOO_MANY_ATTEMPTS} with {@code Retry-After}: the user or the address failed too often of late. */
    private static AuthenticationStatus tooManyAttempts(HttpServletResponse response, LoginThrottle.Attempt attempt) {
        long seconds = attempt.retryAfterSeconds();
        response.setHeader("Retry-After", Long.toString(seconds));
        return fail(
                response,
                429,
                "TOO_MANY_ATTEMPTS",
                "Too many failed logins for this user or from this address: try again in " + seconds + " s");
    }

    private static AuthenticationStatus refuse(
            HttpServletRequest request, HttpServletResponse response, String message) {
        if (request.getHeader("X-Requested-With") == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"CPE\", charset=\"UTF-8\"");
        }
        return fail(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", message);
    }

    private static AuthenticationStatus fail(HttpServletResponse response, int status, String error, String message) {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter()
                    .write(Json.createObjectBuilder()
                            .add("error", error)
                            .add("message", message)
                            .build()
                            .toString());
            // Closing completes the response. WildFly's Undertow sends its own error page after a SEND_FAILURE unless
            // the response is complete; after a mere flush it logs "UT010019: Response already commited" instead.
            response.getWriter().close();
        } catch (IOException e) {
            // The client went away; nothing more to tell it.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
