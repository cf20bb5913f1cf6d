package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.radtox.cds.security.TrustedClients;

/**
 * The CDS client's JWT on every call (CDS Hooks 2.0 "Trusting CDS Clients"), with real ES384 and RS384 keys:
 * what passes, and each way a token fails, answered 401 with an OperationOutcome.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientJwtTest {

    private static final String SERVICE = "/cds-services/radtox-toxicity";

    private CdsClientKeys client;
    private CdsClientKeys jkuClient;
    private HttpServer jwksHost;
    private URI jku;
    private CdsServer server;

    @BeforeAll
    void start() throws Exception {
        client = new CdsClientKeys();
        // A second EHR that publishes its keys at a jku URL instead of handing them over.
        jkuClient = new CdsClientKeys("jku-ec", "jku-rsa");
        jwksHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksHost.createContext("/jwks.json", x -> {
            byte[] b = jkuClient.publicJwks().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        jwksHost.start();
        jku = URI.create("http://127.0.0.1:" + jwksHost.getAddress().getPort() + "/jwks.json");
        TrustedClients trust = TrustedClients.parse(CdsClientKeys.ISSUER + " " + client.jwks + ", https://jku-ehr.example/",
                jku.toString(), TrustedClients.DEFAULT_CLOCK_SKEW);
        server = CdsServer.start(CdsSettings.builder().trust(trust).build());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        jwksHost.stop(0);
    }

    private String call() {
        return Charts.patientView(Charts.note("doc-3", "2031-04-02", Charts.PROCTITIS_G2)).toString();
    }

    private String service() {
        return server.url(SERVICE);
    }

    private void refused(String token, String because) throws Exception {
        var r = server.post(SERVICE, call(), token);
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("OperationOutcome") && r.body().contains(because), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void es384AndRs384TokensForThisEndpointPass() throws Exception {
        assertEquals(200, server.post(SERVICE, call(), client.token(service()).alg(JWSAlgorithm.ES384).sign()).statusCode());
        assertEquals(200, server.post(SERVICE, call(), client.token(service()).alg(JWSAlgorithm.RS384).sign()).statusCode());
        assertEquals(200, server.post(SERVICE, call(), client.token(service()).audience(List.of(service())).sign()).statusCode(),
                "aud may be an array holding the endpoint");
    }

    @Test
    void noTokenOrNotAJwtIsRefused() throws Exception {
        refused(null, "a CDS client JWT is required");
        refused("not-a-jwt", "not a signed JWT");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        refused(client.token(service()).expiresIn(Duration.ofMinutes(-2)).issuedAgo(Duration.ofMinutes(7)).sign(), "expired");
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        refused(client.token(service()).issuedAgo(Duration.ofMinutes(-3)).sign(), "issued in the future");
    }

    @Test
    void aTokenForAnotherEndpointIsRefused() throws Exception {
        refused(client.token(server.url("/cds-services")).sign(), "is not this endpoint");
        refused(client.token("https://elsewhere.example/cds-services/radtox-toxicity").sign(), "is not this endpoint");
    }

    @Test
    void anUnknownIssuerIsRefused() throws Exception {
        refused(client.token(service()).issuer("https://unknown-ehr.example/").sign(), "is not a trusted CDS client");
    }

    @Test
    void aReplayedTokenIsRefused() throws Exception {
        String token = client.token(service()).sign();
        assertEquals(200, server.post(SERVICE, call(), token).statusCode());
        refused(token, "used before");
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        String token = client.token(service()).sign();
        String[] parts = token.split("\\.");
        // Same signature, payload changed to another patient's tenant.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("2ddd6c3a", "9999aaaa");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        refused(forged, "signature does not verify");
        // A token signed by a key the EHR never published, under the EHR's kid.
        CdsClientKeys impostor = new CdsClientKeys();
        refused(impostor.token(service()).sign(), "signature does not verify");
    }

    @Test
    void noneHmacAndWeakerAlgorithmsAreRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(CdsClientKeys.ISSUER).audience(service()).jwtID("x1")
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).issueTime(new java.util.Date()).build();
        refused(new PlainJWT(claims).serialize(), "not a signed JWT");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ehr-ec-1").build(), claims);
        hmac.sign(new MACSigner("a-shared-secret-that-is-long-enough-for-hs256!!".getBytes(StandardCharsets.UTF_8)));
        refused(hmac.serialize(), "never none or a shared-secret HMAC");
        refused(client.token(service()).alg(JWSAlgorithm.RS256).sign(), "must sign with ES384 or RS384");
    }

    @Test
    void aTokenWithoutJtiOrWithAnUnknownKidIsRefused() throws Exception {
        refused(client.token(service()).jti(null).sign(), "no jti");
        refused(client.token(service()).kid("rotated-away").sign(), "no ES384 key with kid 'rotated-away'");
    }

    @Test
    void keysComeFromAJkuOnlyWhenItIsAllowlisted() throws Exception {
        String viaJku = jkuClient.token(service()).issuer("https://jku-ehr.example/").jku(jku).sign();
        assertEquals(200, server.post(SERVICE, call(), viaJku).statusCode());
        URI elsewhere = URI.create("http://127.0.0.1:" + jwksHost.getAddress().getPort() + "/other-jwks.json");
        refused(jkuClient.token(service()).issuer("https://jku-ehr.example/").jku(elsewhere).sign(), "not on the allowlist");
        refused(jkuClient.token(service()).issuer("https://jku-ehr.example/").sign(), "no keys are configured");
    }

    @Test
    void withNoTrustedClientsEveryCallIsRefused() throws Exception {
        try (CdsServer closed = CdsServer.start(CdsSettings.builder().build())) {
            var r = closed.get("/cds-services", client.token(closed.url("/cds-services")).sign());
            assertEquals(401, r.statusCode());
        }
    }
}
