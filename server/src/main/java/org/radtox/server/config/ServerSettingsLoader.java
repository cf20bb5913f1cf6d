package org.radtox.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.radtox.cds.CdsSettings;
import org.radtox.cds.security.TrustedClients;

/**
 * Builds {@link ServerSettings} from, in rising precedence: the defaults, a properties file
 * ({@code --config}), {@code RADTOX_*} environment variables, and the command line. Every key is listed in
 * {@link #KEYS} with its default and meaning (docs/CONFIGURATION.md is written from the same list); an
 * unknown key in the file is an error, so a typo never silently leaves a default in force.
 */
public final class ServerSettingsLoader {

    /** key, default (null: none), meaning. */
    public static final String[][] KEYS = {
        {"port", "8080", "HTTP port for FHIR (/fhir), CDS Hooks (/cds-services), operator endpoints and, later, the dashboard"},
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
        {"student", "embedded", "student version extraction runs until one is promoted (radtox promote): embedded, or one "
            + "defined with radtox define-student; once the registry has an active version, that version wins"},
        {"student.poll-seconds", "5", "how often a node reads the version registry; within this time of a promotion or rollback "
            + "new notes are extracted with the new version, and the backfill of earlier notes starts"},
        {"backfill.chunk-notes", "1000", "notes a backfill enqueues per transaction; at most two chunks of its jobs wait in the "
            + "outbox at a time, after new notes' jobs"},
        {"students-dir", "students", "folder of student version manifests, prompts and example banks (docs/LLM-STUDENT.md)"},
        {"public-base-url", null, "where clients reach this server, e.g. https://radtox.hospital.example (behind a proxy, the "
            + "proxy's URL): the base of the aud that CDS client JWTs must carry and of the dashboard links on CDS cards; "
            + "unset takes each request's own scheme, host and port"},
        {"cds.jwt.issuers", null, "CDS clients (EHRs) whose JWTs are accepted, comma-separated, each 'ISSUER JWKS' (the iss, a "
            + "space, the JWK Set file or URL with its keys) or 'ISSUER' alone when its keys come only from an allowlisted jku; "
            + "unset refuses every CDS call (401) unless cds.demo-open"},
        {"cds.jwt.jku-allowlist", null, "JWK Set URLs a CDS client JWT may name in its jku header, comma-separated; any other jku "
            + "is refused"},
        {"cds.jwt.clock-skew-seconds", "30", "tolerance on a CDS client JWT's exp and iat (0..300)"},
        {"cds.demo-open", "false", "no CDS client JWT check at all, for demos only (radtox serve --demo sets it); said loudly at "
            + "start and in every service description of discovery"},
        {"cds.deadline-ms", "2000", "the longest a CDS hook call takes: after it RadTox answers with the notes read so far, or "
            + "412 when the EHR has not sent the notes"},
        {"cds.prefetch-max-bytes", "10485760", "the largest CDS hook call body (mostly prefetched notes) accepted; larger gets 413"},
        {"cds.cors-origins", "*", "browser origins allowed to call /cds-services (CORS), comma-separated, or * for any (calls carry "
            + "a bearer JWT, never cookies); empty turns CORS off"},
        {"cds.smart-launch-url", null, "a SMART app launch URL offered on CDS cards as a 'smart' link; unset offers the dashboard "
            + "link only"},
        {"cds.cache-max-notes", "5000", "notes the CDS service keeps in memory (their findings by text hash and student version, "
            + "their reading, the Observations suggested from them): a few KB each"},
        {"cds.card-retention-days", "90", "days the evidence quotes and note texts of a CDS card nobody gave feedback on are kept "
            + "(they are PHI, and only cards with feedback are refinement material); the card's own row stays for the feedback "
            + "rates; 0 keeps them for ever, else at least 7"},
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
                values.get("student"), Path.of(values.get("students-dir")), cds(values), integer(values, "student.poll-seconds"),
                integer(values, "backfill.chunk-notes"));
    }

    private static CdsSettings cds(Map<String, String> values) {
        return CdsSettings.builder()
                .publicBaseUrl(uri(values, "public-base-url"))
                .trust(TrustedClients.parse(values.get("cds.jwt.issuers"), values.get("cds.jwt.jku-allowlist"),
                        Duration.ofSeconds(integer(values, "cds.jwt.clock-skew-seconds"))))
                .demoOpen(Boolean.parseBoolean(values.get("cds.demo-open")))
                .deadline(Duration.ofMillis(integer(values, "cds.deadline-ms")))
                .prefetchMaxBytes(integer(values, "cds.prefetch-max-bytes"))
                .corsOrigins(Arrays.stream(values.getOrDefault("cds.cors-origins", "").split(","))
                        .map(String::trim).filter(o -> !o.isEmpty()).toList())
                .smartLaunchUrl(uri(values, "cds.smart-launch-url"))
                .cacheMaxNotes(integer(values, "cds.cache-max-notes"))
                .cardRetention(Duration.ofDays(integer(values, "cds.card-retention-days")))
                .build();
    }

    private static URI uri(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new URI(v.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: '" + v + "'");
        }
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
