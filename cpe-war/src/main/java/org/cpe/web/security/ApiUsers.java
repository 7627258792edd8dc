package org.cpe.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.client.PasswordHash;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.SecuritySettings;
import org.cpe.config.SecuritySettings.ApiRole;
import org.cpe.config.SecuritySettings.ApiUser;
import org.cpe.swf.files.OwnerOnly;

/**
 * The identity store of the API: the users of {@code cpe.security.users}, or, when none is configured, one operator
 * {@code admin} whose random password is kept in {@code <cpe.data-dir>/admin-password} (made on first start, readable
 * by its owner only). An operator is in both groups, {@code operator} and {@code reader}.
 */
@ApplicationScoped
public class ApiUsers implements IdentityStore {

    /** The user made when {@code cpe.security.users} is unset. */
    public static final String DEFAULT_USER = "admin";

    static final String PASSWORD_FILE = "admin-password";

    private static final Logger LOG = Logger.getLogger(ApiUsers.class.getName());

    @Inject
    CpeConfiguration configuration;

    private volatile Map<String, ApiUser> users;
    private volatile boolean openLocal;
    private volatile List<String> localHosts = List.of();

    /** Loads the users when the application starts, so that the log says at once how to log in. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        users();
    }

    /** Whether requests from this machine itself need no credentials ({@code cpe.security.api-access=open-local}). */
    public boolean openLocal() {
        users();
        return openLocal;
    }

    /** The Host names a request admitted by open-local may carry ({@code cpe.security.local-hosts}). */
    public List<String> localHosts() {
        users();
        return localHosts;
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential given)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        ApiUser user = users().get(given.getCaller());
        if (user == null || !PasswordHash.matches(given.getPassword().getValue(), user.secret())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.name(), groups(user.role()));
    }

    /** The groups, which the container maps to the roles of the same name, of a user with {@code role}. */
    public static Set<String> groups(ApiRole role) {
        return role == ApiRole.OPERATOR
                ? Set.of(ApiRole.OPERATOR.roleName(), ApiRole.READER.roleName())
                : Set.of(ApiRole.READER.roleName());
    }

    private Map<String, ApiUser> users() {
        Map<String, ApiUser> current = users;
        if (current == null) {
            synchronized (this) {
                current = users;
                if (current == null) {
                    current = load();
                    users = current;
                }
            }
        }
        return current;
    }

    private Map<String, ApiUser> load() {
        SecuritySettings security;
        Path dataDir;
        try {
            security = configuration.settings().security();
            dataDir = configuration.settings().dataDir();
        } catch (RuntimeException e) {
            // The startup guard reports the configuration; meanwhile nobody logs in.
            LOG.log(Level.WARNING, "The API admits nobody: its configuration cannot be read", e);
            return Map.of();
        }
        openLocal = security.openLocal();
        localHosts = security.localHosts();
        Map<String, ApiUser> byName = new LinkedHashMap<>();
        for (ApiUser user : security.users()) {
            byName.put(user.name(), user);
            if (!PasswordHash.isHash(user.secret())) {
                LOG.warning(() -> "The API user " + user.name() + " has a password in plain text in"
                        + " cpe.security.users; 'cpe hash-password' prints its hashed form");
            }
        }
        if (byName.isEmpty()) {
            try {
                Path file = dataDir.toAbsolutePath().resolve(PASSWORD_FILE);
                String password = defaultPassword(dataDir);
                byName.put(DEFAULT_USER, new ApiUser(DEFAULT_USER, ApiRole.OPERATOR, password));
                LOG.info(() -> "cpe.security.users is not set: the API and the console admit the operator '"
                        + DEFAULT_USER + "' with the password in " + file.toAbsolutePath());
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "The API admits nobody: cannot keep the default operator's password", e);
            }
        } else {
            LOG.info(() -> "The API and the console admit " + byName.values());
        }
        return Map.copyOf(byName);
    }

    /**
     * The password kept in {@code <dataDir>/admin-password}, made there when the file does not exist yet: the file
     * {@code rw-------}, and the data folder, when missing, {@code rwx------}.
     */
    static String defaultPassword(Path dataDir) throws IOException {
        Path file = OwnerOnly.dataFolder(dataDir).resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            OwnerOnly.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // Another server on this data folder made it first.
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return password;
    }
}
