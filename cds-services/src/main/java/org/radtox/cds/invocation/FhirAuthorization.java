package org.radtox.cds.invocation;

import java.util.Objects;

/**
 * The bearer token a CDS Client hands over so that RadTox may read its FHIR server itself.
 *
 * @param accessToken the OAuth 2.0 access token
 * @param scope       the scopes it grants, may be {@code null}
 * @param subject     RadTox's client id at the EHR, may be {@code null}
 */
public record FhirAuthorization(String accessToken, String scope, String subject) {

    public FhirAuthorization {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        // Never in a log line: the token grants access to patient data.
        return "FhirAuthorization[scope=" + scope + ", subject=" + subject + "]";
    }
}
