package org.cpe.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cpe.activity.access.OutboundPolicy;
import org.cpe.activity.access.StorageRoots;

/**
 * What a job's input may make this server's activities touch: the folders its {@code file:} locations must lie under
 * ({@code cpe.storage.roots}) and the internal hosts and addresses its URLs may reach besides public ones ({@code
 * cpe.security.outbound-allow}).
 */
public record JobAccessSettings(StorageRoots roots, OutboundPolicy outbound) {

    static final String ROOTS_KEY = "cpe.storage.roots";
    static final String OUTBOUND_KEY = "cpe.security.outbound-allow";

    static JobAccessSettings read(ConfigReader reader) {
        return new JobAccessSettings(roots(reader), outbound(reader));
    }

    private static StorageRoots roots(ConfigReader reader) {
        String value = reader.text(ROOTS_KEY);
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return StorageRoots.none();
        }
        String allowed = "'none', or a comma list of absolute folders, each optionally prefixed with read:, write: or"
                + " overwrite: (write: when none is given), such as overwrite:/srv/cpe/files,read:/mnt/incoming";
        List<StorageRoots.Root> roots = new ArrayList<>();
        for (String item : value.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            StorageRoots.Access access = StorageRoots.Access.WRITE;
            String folder = entry;
            int colon = entry.indexOf(':');
            if (colon > 0) {
                Optional<StorageRoots.Access> prefix = StorageRoots.Access.parse(entry.substring(0, colon));
                if (prefix.isPresent()) {
                    access = prefix.get();
                    folder = entry.substring(colon + 1).trim();
                }
            }
            try {
                Path path = Path.of(folder);
                if (!path.isAbsolute()) {
                    reader.problem(ROOTS_KEY, value, "'" + entry + "' is not an absolute folder", allowed);
                    continue;
                }
                roots.add(new StorageRoots.Root(path, access));
            } catch (InvalidPathException e) {
                reader.problem(ROOTS_KEY, value, "'" + entry + "' is not a folder (" + e.getReason() + ")", allowed);
            }
        }
        return StorageRoots.of(roots);
    }

    private static OutboundPolicy outbound(ConfigReader reader) {
        Optional<String> value = reader.optional(OUTBOUND_KEY);
        if (value.isEmpty()) {
            return OutboundPolicy.publicOnly();
        }
        try {
            return OutboundPolicy.allowing(Arrays.asList(value.get().split(",")));
        } catch (IllegalArgumentException e) {
            reader.problem(
                    OUTBOUND_KEY,
                    value.get(),
                    e.getMessage(),
                    "a comma list of host names (media.internal, *.corp.example), addresses or blocks (10.1.2.3,"
                            + " 10.0.0.0/8, fd00::/8), each optionally with :port ([fd00::1]:80 for IPv6)");
            return OutboundPolicy.publicOnly();
        }
    }
}
