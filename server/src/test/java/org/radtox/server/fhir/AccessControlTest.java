package org.radtox.server.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.radtox.server.config.ServerSettings;

/** Bearer JWTs against a JWK Set, and SMART system scopes per request, on a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    private RunningServer server;
    private RSAKey key;
    private RSAKey stranger;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("radtox-test").generate();
        stranger = new RSAKeyGenerator(2048).keyID("radtox-test").generate();
        Path jwks = Files.createTempFile("jwks", ".json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        server = RunningServer.start(null, new ServerSettings.Auth(jwks.toString(), "https://ehr.example", "radtox"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private String token(RSAKey signer, String scope, long expiresInSeconds, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://ehr.example").audience(audience).subject("ehr-interface")
                .claim("scope", scope).expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void theCapabilityStatementIsPublic() throws Exception {
        assertEquals(200, server.send("GET", "/fhir/metadata", null).statusCode());
    }

    @Test
    void noTokenIs401WithAnOperationOutcome() throws Exception {
        var r = server.send("GET", "/fhir/Observation", null);
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("OperationOutcome") && r.body().contains("bearer token is required"), r.body());
    }

    @Test
    void aTokenSignedByAnotherKeyOrExpiredOrForAnotherAudienceIs401() throws Exception {
        assertEquals(401, server.send("GET", "/fhir/Observation", null, token(stranger, "system/Observation.read", 300, "radtox")).statusCode());
        assertEquals(401, server.send("GET", "/fhir/Observation", null, token(key, "system/Observation.read", -300, "radtox")).statusCode());
        assertEquals(401, server.send("GET", "/fhir/Observation", null, token(key, "system/Observation.read", 300, "elsewhere")).statusCode());
        assertEquals(401, server.send("GET", "/fhir/Observation", null, "not-a-jwt").statusCode());
    }

    @Test
    void scopesDecideWhatATokenMayDo() throws Exception {
        String reader = token(key, "system/Observation.read", 300, "radtox");
        String writer = token(key, "system/DocumentReference.write system/Observation.rs", 300, "radtox");
        assertEquals(200, server.send("GET", "/fhir/Observation", null, reader).statusCode());
        var refused = server.send("POST", "/fhir/DocumentReference", RunningServer.note("p-auth", "Nocturia x2."), reader);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("system/DocumentReference.write"), refused.body());
        assertEquals(201, server.send("POST", "/fhir/DocumentReference", RunningServer.note("p-auth", "Nocturia x2."), writer).statusCode());
        assertEquals(200, server.send("GET", "/fhir/Observation?subject=Patient/p-auth", null, writer).statusCode());
        assertEquals(403, server.send("GET", "/fhir/Patient", null, writer).statusCode());
    }

    @Test
    void operatorEndpointsNeedAnAdminToken() throws Exception {
        assertEquals(401, server.send("GET", "/admin/extraction", null).statusCode());
        assertEquals(403, server.send("GET", "/metrics", null, token(key, "system/Observation.read", 300, "radtox")).statusCode());
        assertEquals(200, server.send("GET", "/metrics", null, token(key, "system/radtox.admin", 300, "radtox")).statusCode());
        assertEquals(200, server.send("GET", "/health/ready", null).statusCode(), "health stays open for load balancers");
    }

    @Test
    void theDashboardApiAsksForTheTokensTheFhirApiAsksFor() throws Exception {
        assertEquals(401, server.send("GET", "/api/dashboard/overview", null).statusCode());
        assertEquals(403, server.send("GET", "/api/dashboard/overview", null,
                token(key, "system/DocumentReference.write", 300, "radtox")).statusCode());
        assertEquals(200, server.send("GET", "/api/dashboard/overview", null, token(key, "system/Observation.read", 300, "radtox")).statusCode());
        assertEquals(200, server.send("GET", "/api/dashboard/findings.csv", null, token(key, "system/Observation.rs", 300, "radtox")).statusCode());
        // A note's text is the note: reading it needs what reading the DocumentReference needs.
        assertEquals(403, server.send("GET", "/api/dashboard/notes/1/1", null, token(key, "system/Observation.read", 300, "radtox")).statusCode());
        assertEquals(404, server.send("GET", "/api/dashboard/notes/1/1", null,
                token(key, "system/Observation.read system/DocumentReference.read", 300, "radtox")).statusCode());
        assertEquals(200, server.send("GET", "/", null).statusCode(), "the page itself holds no patient data");
    }

    @Test
    void aServerOpenToTheNetworkWithoutAuthenticationIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ServerSettings("0.0.0.0", 8080, Path.of("data"), null, null, null,
                1, 120, false, null));
        assertTrue(e.getMessage().contains("without authentication"), e.getMessage());
    }
}
