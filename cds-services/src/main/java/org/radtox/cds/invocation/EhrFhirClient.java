package org.radtox.cds.invocation;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads the EHR's FHIR server with the bearer token the CDS Client handed over, through HAPI's generic client
 * (connection pool, connect and socket timeouts). Used only for prefetch keys the client did not satisfy, and
 * for note attachments that live in a {@code Binary} on that same server.
 *
 * <p>One client factory for every EHR, configured on the CDS service's own {@link FhirContext}, so that its
 * timeouts and "never ask for /metadata first" do not leak into any other FHIR client in the process. Thread-safe.
 */
public final class EhrFhirClient {

    private final FhirContext fhir;

    /**
     * @param fhir          the CDS service's own context (its client factory is configured here)
     * @param socketTimeout the longest wait for the EHR's next bytes; the hook's deadline bounds the whole call
     */
    public EhrFhirClient(FhirContext fhir, Duration connectTimeout, Duration socketTimeout) {
        this.fhir = fhir;
        IRestfulClientFactory factory = fhir.getRestfulClientFactory();
        factory.setConnectTimeout((int) connectTimeout.toMillis());
        factory.setConnectionRequestTimeout((int) connectTimeout.toMillis());
        factory.setSocketTimeout((int) socketTimeout.toMillis());
        // A CapabilityStatement round trip before the first search would spend the hook's budget for nothing.
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setPoolMaxTotal(64);
        factory.setPoolMaxPerRoute(16);
    }

    /** A search, e.g. {@code DocumentReference?patient=123&_count=20}: the first page is all a prefetch ever holds. */
    public Bundle search(URI base, String bearerToken, String relativeQuery) throws EhrFetchException {
        try {
            return client(base, bearerToken).search().byUrl(relativeQuery).returnBundle(Bundle.class).execute();
        } catch (FhirClientConnectionException e) {
            throw new EhrFetchException("the EHR's FHIR server could not be read (" + rootMessage(e) + ")", e);
        } catch (BaseServerResponseException e) {
            throw new EhrFetchException("the EHR's FHIR server answered " + relativeQuery.replaceFirst("\\?.*", "?...")
                    + " with HTTP " + e.getStatusCode(), e);
        } catch (RuntimeException e) {
            throw new EhrFetchException("the EHR's FHIR server sent something that is not FHIR (" + rootMessage(e) + ")", e);
        }
    }

    /** A {@code Binary} of the same server, by relative or absolute URL; empty when it is not there. */
    public Optional<Binary> binary(URI base, String bearerToken, String url) throws EhrFetchException {
        try {
            return Optional.of(client(base, bearerToken).read().resource(Binary.class).withUrl(url).execute());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (FhirClientConnectionException e) {
            throw new EhrFetchException("the EHR's FHIR server could not be read (" + rootMessage(e) + ")", e);
        } catch (BaseServerResponseException e) {
            throw new EhrFetchException("the EHR's FHIR server answered Binary with HTTP " + e.getStatusCode(), e);
        } catch (RuntimeException e) {
            throw new EhrFetchException("the EHR's FHIR server could not be read (" + rootMessage(e) + ")", e);
        }
    }

    private IGenericClient client(URI base, String bearerToken) {
        IGenericClient client = fhir.newRestfulGenericClient(base.toString());
        client.setEncoding(EncodingEnum.JSON);
        client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
        return client;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The EHR could not be read: HTTP error, timeout, refused connection, or an answer that is not FHIR. */
    public static final class EhrFetchException extends Exception {
        private static final long serialVersionUID = 1L;

        EhrFetchException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
