package org.cpe.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The server's MicroProfile Config first, then what CPE ships itself: the per-environment file (ordinal 250) and the
 * packaged {@code META-INF/microprofile-config.properties} files, highest {@code config_ordinal} first.
 *
 * <p>Normally the server's Config already holds all of these and the rest is never consulted. But on Payara Micro
 * 6.2025.10, two of seven starts right after a build got a Config with none of the application's files (every key
 * unset), apparently Payara's server-level Config for a thread it could not map to the application. Asking for the
 * Config of CPE's own class loader has avoided it since; this fallback keeps a start from depending on it. Since
 * environment variables and system properties outrank both files and the server-level Config has them, consulting
 * the files after the server's Config keeps MicroProfile Config's order in both cases.
 */
public final class LayeredLookup implements Function<String, Optional<String>> {

    static final String PACKAGED = "META-INF/microprofile-config.properties";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)}");

    private final Function<String, Optional<String>> server;
    private final List<Map<String, String>> own;

    LayeredLookup(Function<String, Optional<String>> server, List<Map<String, String>> own) {
        this.server = server;
        this.own = List.copyOf(own);
    }

    /** The server's Config, then the config file, then the files packaged with {@code loader}. */
    public static LayeredLookup of(Function<String, Optional<String>> server, ClassLoader loader) {
        List<Map<String, String>> own = new ArrayList<>();
        CpeConfigFileSource file = new CpeConfigFileSource();
        own.add(file.getPropertyNames().stream().collect(Collectors.toMap(k -> k, file::getValue)));
        own.addAll(packaged(loader));
        return new LayeredLookup(server, own);
    }

    @Override
    public Optional<String> apply(String key) {
        Optional<String> value = server.apply(key);
        return value.isPresent() ? value : own(key).map(this::expand);
    }

    /** Whether the server's Config lacks a key that CPE's own files define: the server missed the application. */
    public boolean serverMissesApplication(String key) {
        return server.apply(key).isEmpty() && own(key).isPresent();
    }

    private Optional<String> own(String key) {
        return own.stream()
                .map(source -> source.get(key))
                .filter(v -> v != null)
                .findFirst();
    }

    /** Expands {@code ${name}} from this lookup or the system properties, as MicroProfile Config would. */
    private String expand(String value) {
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = apply(name).orElseGet(() -> System.getProperty(name, matcher.group()));
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(expanded).toString();
    }

    private static List<Map<String, String>> packaged(ClassLoader loader) {
        List<Properties> files = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(PACKAGED))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                files.add(properties);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged " + PACKAGED, e);
        }
        return files.stream()
                .sorted(Comparator.comparingInt(LayeredLookup::ordinal).reversed())
                .map(p -> p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty)))
                .toList();
    }

    private static int ordinal(Properties properties) {
        try {
            return Integer.parseInt(
                    properties.getProperty("config_ordinal", "100").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
