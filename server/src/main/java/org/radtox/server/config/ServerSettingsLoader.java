package org.radtox.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds {@link ServerSettings} from, in rising precedence: the defaults, a properties file
 * ({@code --config}), {@code RADTOX_*} environment variables, and the command line. Every key is listed in
 * {@link #KEYS} with its default and meaning (docs/CONFIGURATION.md is written from the same list); an
 * unknown key in the file is an error, so a typo never silently leaves a default in force.
 */
public final class ServerSettingsLoader {

    /** key, default (null: none), meaning. */
    public static final String[][] KEYS = {
        {"port", "8080", "HTTP port for FHIR (/fhir), operator endpoints and, later, CDS Hooks and the dashboard"},
        {"host", "127.0.0.1", "address to listen on; anything but loopback requires auth.jwks"},
        {"data-dir", "data", "state folder: the embedded database lives here"},
        {"jdbc.url", null, "database; unset means the embedded database in data-dir; jdbc:postgresql://... for production"},
        {"jdbc.user", null, "database user"},
        {"jdbc.password", null, "database password (prefer the RADTOX_JDBC_PASSWORD environment variable)"},
        {"workers", "2", "extraction worker threads on this node; 0 stores notes without extracting them here"},
        {"demo", "false", "store four demo patients with notes from the gold set on first start"},
        {"extraction.lease-seconds", "120", "how long a claimed job stays with its worker before another node may take it "
            + "(a worker that died holds its job this long)"},
        {"auth.jwks", null, "JWK Set (file or URL) that signs bearer tokens; unset runs without authentication, loopback only"},
        {"auth.issuer", null, "required iss of bearer tokens"},
        {"auth.audience", null, "required aud of bearer tokens"},
        {"student", "embedded", "student version extraction runs: embedded, or one defined with radtox define-student"},
        {"students-dir", "students", "folder of student version manifests, prompts and example banks (docs/LLM-STUDENT.md)"},
    };

    private ServerSettingsLoader() {
    }

    /** The environment variable of a key: {@code jdbc.url} is {@code RADTOX_JDBC_URL}. */
    public static String environmentName(String key) {
        return "RADTOX_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * @param configFile  a properties file, or {@code null}
     * @param environment the process environment (or a test's)
     * @param commandLine values given on the command line, by key (absent keys were not given)
     */
    public static ServerSettings load(Path configFile, Map<String, String> environment, Map<String, String> commandLine)
            throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] k : KEYS) {
            if (k[1] != null) {
                values.put(k[0], k[1]);
            }
        }
        if (configFile != null) {
            if (!Files.exists(configFile)) {
                throw new IllegalArgumentException("configuration file not found: " + configFile);
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String name : p.stringPropertyNames()) {
                String key = name.startsWith("radtox.") ? name.substring("radtox.".length()) : name;
                if (!known(key)) {
                    throw new IllegalArgumentException(configFile + ": unknown key '" + name + "' (see docs/CONFIGURATION.md)");
                }
                values.put(key, p.getProperty(name).trim());
            }
        }
        for (String[] k : KEYS) {
            String v = environment.get(environmentName(k[0]));
            if (v != null && !v.isBlank()) {
                values.put(k[0], v.trim());
            }
        }
        commandLine.forEach((k, v) -> {
            if (!known(k)) {
                throw new IllegalStateException("not a configuration key: " + k);
            }
            if (v != null) {
                values.put(k, v);
            }
        });
        String jwks = values.get("auth.jwks");
        return new ServerSettings(values.get("host"), integer(values, "port"), Path.of(values.get("data-dir")),
                values.get("jdbc.url"), values.get("jdbc.user"), values.get("jdbc.password"), integer(values, "workers"),
                integer(values, "extraction.lease-seconds"), Boolean.parseBoolean(values.get("demo")),
                jwks == null ? null : new ServerSettings.Auth(jwks, values.get("auth.issuer"), values.get("auth.audience")),
                values.get("student"), Path.of(values.get("students-dir")));
    }

    private static boolean known(String key) {
        for (String[] k : KEYS) {
            if (k[0].equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static int integer(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + values.get(key) + "'");
        }
    }
}
