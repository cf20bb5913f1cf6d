package org.radtox.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile and the compose file, checked without a container engine (this machine has none): the compose
 * file against the Compose Specification's JSON schema, the Dockerfile with dockerfile-utils
 * (deploy/check/validate-compose.mjs), and what the issue asks of them.
 */
class ContainerFilesTest {

    @BeforeAll
    static void installTheCheckers() throws Exception {
        KubernetesManifestsTest.installTheSchemaPackage();
    }

    @Test
    void theComposeFileFitsTheComposeSchemaAndTheDockerfileLintsClean() throws Exception {
        DeployFiles.Run r = DeployFiles.run(null, "node", "deploy/check/validate-compose.mjs", "deploy/compose/compose.yaml", "Dockerfile");
        assertEquals(0, r.exit(), r.out());
        Files.writeString(DeployFiles.root().resolve("target/broken-compose.yaml"),
                "services:\n  a:\n    image: x\n    ports: {bad: 1}\n    healthcheck: {interval: 5}\n");
        DeployFiles.Run broken = DeployFiles.run(null, "node", "deploy/check/validate-compose.mjs", "target/broken-compose.yaml");
        assertEquals(1, broken.exit(), "the check can fail: " + broken.out());
    }

    @Test
    void theImageRunsAsANonRootUser_checksReadiness_andBakesInNoSecret() throws Exception {
        String dockerfile = DeployFiles.read("Dockerfile");
        assertTrue(dockerfile.matches("(?s).*\\nUSER 10001:10001\\n.*"), "a non-root user");
        assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/health/ready"), "a health check on readiness");
        assertTrue(dockerfile.contains("FROM maven:") && dockerfile.contains("-jre"), "built with Maven, run on a JRE");
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("ENV") || line.startsWith("ARG") || line.startsWith("    ")) {
                assertFalse(line.toUpperCase().matches(".*(PASSWORD|SECRET|API_KEY|TOKEN)\\S*=.*"), "a secret in the image: " + line);
            }
        }
    }

    @Test
    void everyComposeServiceHasAHealthCheck_andPostgresIsTheUpstreamPgvectorImage() throws Exception {
        Map<String, Object> compose = new Yaml().load(DeployFiles.read("deploy/compose/compose.yaml"));
        Map<?, ?> services = (Map<?, ?>) compose.get("services");
        for (String s : new String[] {"radtox", "postgres", "ollama"}) {
            assertTrue(((Map<?, ?>) services.get(s)).get("healthcheck") != null, s + " has a health check");
        }
        assertTrue(((String) ((Map<?, ?>) services.get("postgres")).get("image")).startsWith("pgvector/pgvector:"));
        Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) services.get("radtox")).get("environment");
        assertEquals("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}", env.get("RADTOX_JDBC_PASSWORD"), "the password from .env only");
    }
}
