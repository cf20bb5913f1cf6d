package org.radtox.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsServeTheEmbeddedDatabaseOnLoopbackWithoutAuthentication() throws Exception {
        ServerSettings s = ServerSettingsLoader.load(null, Map.of(), Map.of());
        assertEquals(8080, s.port());
        assertEquals("127.0.0.1", s.host());
        assertEquals(Path.of("data"), s.dataDir());
        assertNull(s.jdbcUrl());
        assertTrue(s.effectiveJdbcUrl().startsWith("jdbc:h2:file:"));
        assertNull(s.auth());
        assertEquals(2, s.extractionWorkers());
    }

    @Test
    void theFileIsOverriddenByTheEnvironmentWhichIsOverriddenByTheCommandLine() throws Exception {
        Path file = dir.resolve("radtox.properties");
        Files.writeString(file, "radtox.port=9000\nworkers=4\njdbc.url=jdbc:postgresql://db/radtox\n");
        Map<String, String> env = Map.of("RADTOX_PORT", "9100", "RADTOX_JDBC_PASSWORD", "secret");
        Map<String, String> cli = new HashMap<>();
        cli.put("port", "9200");
        cli.put("host", null);
        ServerSettings s = ServerSettingsLoader.load(file, env, cli);
        assertEquals(9200, s.port());
        assertEquals(4, s.extractionWorkers());
        assertEquals("jdbc:postgresql://db/radtox", s.effectiveJdbcUrl());
        assertEquals("secret", s.jdbcPassword());
        assertTrue(s.postgres());
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorNotASilentDefault() throws Exception {
        Path file = dir.resolve("radtox.properties");
        Files.writeString(file, "radtox.wokers=4\n");
        var e = assertThrows(IllegalArgumentException.class, () -> ServerSettingsLoader.load(file, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("unknown key 'radtox.wokers'"), e.getMessage());
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettingsLoader.load(null, Map.of("RADTOX_WORKERS", "two"), Map.of()));
        assertEquals("workers must be a whole number, not 'two'", e.getMessage());
    }

    @Test
    void theConfigurationDocumentListsEveryKey() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("radtox.docs", "../docs")).resolve("CONFIGURATION.md"));
        for (String[] key : ServerSettingsLoader.KEYS) {
            assertTrue(doc.contains("| `" + key[0] + "` | `" + ServerSettingsLoader.environmentName(key[0]) + "` |"),
                    "docs/CONFIGURATION.md lacks " + key[0]);
        }
    }

    @Test
    void cdsHooksSettingsComeFromTheirKeys() throws Exception {
        Path file = dir.resolve("radtox.properties");
        Files.writeString(file, "radtox.public-base-url=https://radtox.hospital.example/\n"
                + "radtox.cds.jwt.issuers=https://ehr.example /etc/radtox/ehr.json, https://other.example\n"
                + "radtox.cds.jwt.jku-allowlist=https://other.example/jwks.json\n"
                + "radtox.cds.deadline-ms=1500\nradtox.cds.cors-origins=https://ehr.example, https://sandbox.example\n");
        ServerSettings s = ServerSettingsLoader.load(file, Map.of("RADTOX_CDS_PREFETCH_MAX_BYTES", "2048"), Map.of());
        assertEquals("https://radtox.hospital.example", s.cds().publicBaseUrl().toString());
        assertEquals(java.util.Arrays.asList("/etc/radtox/ehr.json", null), new java.util.ArrayList<>(s.cds().trust().issuers().values()));
        assertEquals(java.util.Set.of("https://ehr.example", "https://other.example"), s.cds().trust().issuers().keySet());
        assertEquals(1500, s.cds().deadline().toMillis());
        assertEquals(2048, s.cds().prefetchMaxBytes());
        assertEquals(java.util.List.of("https://ehr.example", "https://sandbox.example"), s.cds().corsOrigins());
        assertEquals(false, s.cds().demoOpen());
        assertTrue(ServerSettingsLoader.load(null, Map.of(), Map.of("cds.demo-open", "true")).cds().demoOpen());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettingsLoader.load(null, Map.of("RADTOX_CDS_DEADLINE_MS", "10"), Map.of()));
        assertTrue(e.getMessage().contains("cds.deadline-ms"), e.getMessage());
        assertEquals(90, s.cds().cardRetention().toDays(), "cards without feedback lose their quotes after 90 days by default");
        assertTrue(ServerSettingsLoader.load(null, Map.of("RADTOX_CDS_CARD_RETENTION_DAYS", "0"), Map.of()).cds().cardRetention().isZero());
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> ServerSettingsLoader.load(null, Map.of("RADTOX_CDS_CARD_RETENTION_DAYS", "3"), Map.of()));
        assertTrue(tooShort.getMessage().contains("cds.card-retention-days must be 0 (keep for ever) or at least 7"), tooShort.getMessage());
        var open = assertThrows(IllegalArgumentException.class, () -> ServerSettingsLoader.load(null,
                Map.of("RADTOX_AUTH_JWKS", "jwks.json", "RADTOX_HOST", "0.0.0.0"), Map.of("cds.demo-open", "true")));
        assertTrue(open.getMessage().contains("demo mode listens on 127.0.0.1 only"), open.getMessage());
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        assertEquals("RADTOX_JDBC_URL", ServerSettingsLoader.environmentName("jdbc.url"));
        assertEquals("RADTOX_DATA_DIR", ServerSettingsLoader.environmentName("data-dir"));
        assertEquals("RADTOX_AUTH_JWKS", ServerSettingsLoader.environmentName("auth.jwks"));
    }
}
