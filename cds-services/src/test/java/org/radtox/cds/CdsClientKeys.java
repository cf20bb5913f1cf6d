package org.radtox.cds;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.radtox.cds.security.TrustedClients;

/**
 * A CDS Client's signing keys (a real ES384 P-384 key and a real RS384 RSA key), its public JWK Set in a file,
 * and the JWTs it sends with each call, as CDS Hooks 2.0 "Trusting CDS Clients" describes them.
 */
final class CdsClientKeys {

    static final String ISSUER = "https://fhir-ehr.example.com/";

    final ECKey ec;
    final RSAKey rsa;
    final Path jwks;

    CdsClientKeys() throws Exception {
        this("ehr-ec-1", "ehr-rsa-1");
    }

    CdsClientKeys(String ecKid, String rsaKid) throws Exception {
        ec = new ECKeyGenerator(Curve.P_384).keyID(ecKid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384).generate();
        rsa = new RSAKeyGenerator(2048).keyID(rsaKid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS384).generate();
        jwks = Files.createTempFile("cds-client-jwks", ".json");
        Files.writeString(jwks, publicJwks());
    }

    String publicJwks() {
        return new JWKSet(java.util.List.of(ec.toPublicJWK(), rsa.toPublicJWK())).toString();
    }

    /** Trust in this client: its issuer with the JWK Set file. */
    TrustedClients trust() {
        return TrustedClients.parse(ISSUER + " " + jwks, null, TrustedClients.DEFAULT_CLOCK_SKEW);
    }

    Token token(String audience) {
        return new Token(audience);
    }

    /** One JWT, valid unless a test changes something about it. */
    final class Token {
        JWSAlgorithm alg = JWSAlgorithm.ES384;
        String issuer = ISSUER;
        Object audience;
        Duration expiresIn = Duration.ofMinutes(5);
        Duration issuedAgo = Duration.ZERO;
        String jti = UUID.randomUUID().toString();
        String kid;
        URI jku;

        Token(String audience) {
            this.audience = audience;
        }

        Token alg(JWSAlgorithm a) {
            alg = a;
            return this;
        }

        Token issuer(String i) {
            issuer = i;
            return this;
        }

        Token audience(Object a) {
            audience = a;
            return this;
        }

        Token expiresIn(Duration d) {
            expiresIn = d;
            return this;
        }

        Token issuedAgo(Duration d) {
            issuedAgo = d;
            return this;
        }

        Token jti(String j) {
            jti = j;
            return this;
        }

        Token kid(String k) {
            kid = k;
            return this;
        }

        Token jku(URI u) {
            jku = u;
            return this;
        }

        String sign() throws Exception {
            boolean ecdsa = alg.getName().startsWith("ES");
            JWSSigner signer = ecdsa ? new ECDSASigner(ec) : new RSASSASigner(rsa);
            JWSHeader.Builder h = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT)
                    .keyID(kid != null ? kid : ecdsa ? ec.getKeyID() : rsa.getKeyID());
            if (jku != null) {
                h.jwkURL(jku);
            }
            long now = System.currentTimeMillis();
            JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer).subject("cds-client")
                    .expirationTime(new Date(now + expiresIn.toMillis())).issueTime(new Date(now - issuedAgo.toMillis()))
                    .claim("tenant", "2ddd6c3a-8e9a-44c6-a305-52111ad302a2");
            if (jti != null) {
                c.jwtID(jti);
            }
            if (audience instanceof String s) {
                c.audience(s);
            } else if (audience instanceof java.util.List<?> l) {
                c.audience(l.stream().map(String::valueOf).toList());
            }
            SignedJWT jwt = new SignedJWT(h.build(), c.build());
            jwt.sign(signer);
            return jwt.serialize();
        }
    }
}
