package org.radtox.server.security;

import java.util.Set;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;

import org.radtox.server.security.AccessPolicy.Access;

/**
 * Access control on every FHIR request, as HAPI means it (an interceptor on the incoming request): a
 * bearer JWT verified by {@link TokenVerifier}, and the scope the operation needs. No or a bad token is
 * 401, a token without the scope 403, both with an OperationOutcome. The CapabilityStatement stays
 * public, as SMART asks.
 */
@Interceptor
public final class BearerTokenInterceptor {

    private final TokenVerifier verifier;

    public BearerTokenInterceptor(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        String token = TokenVerifier.bearer(request.getHeader("Authorization"));
        if (token == null) {
            throw new AuthenticationException("RadTox: a bearer token is required (Authorization: Bearer <JWT>)")
                    .addAuthenticateHeaderForRealm("radtox");
        }
        Set<String> scopes;
        try {
            scopes = verifier.scopes(token);
        } catch (TokenVerifier.InvalidTokenException e) {
            throw new AuthenticationException("RadTox: " + e.getMessage()).addAuthenticateHeaderForRealm("radtox");
        }
        Access access = writes(operation) ? Access.WRITE : Access.READ;
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof IBaseBundle bundle) {
            for (Bundle.BundleEntryComponent entry : ((Bundle) bundle).getEntry()) {
                String type = entry.hasResource() ? entry.getResource().fhirType() : typeOf(entry.getRequest().getUrl());
                Access needed = entry.getRequest().getMethod() == Bundle.HTTPVerb.GET ? Access.READ : Access.WRITE;
                require(scopes, type, needed);
            }
            return;
        }
        String type = request.getResourceName() == null ? "*" : request.getResourceName();
        require(scopes, type, access);
    }

    private static void require(Set<String> scopes, String type, Access access) {
        if (!AccessPolicy.allows(scopes, type, access)) {
            throw new ForbiddenOperationException("RadTox: the token's scopes do not allow " + access.name().toLowerCase()
                    + " on " + type + " (needs system/" + type + (access == Access.READ ? ".read" : ".write") + ")");
        }
    }

    private static boolean writes(RestOperationTypeEnum operation) {
        return switch (operation) {
            case CREATE, UPDATE, DELETE, PATCH, TRANSACTION, BATCH, META_ADD, META_DELETE -> true;
            default -> false;
        };
    }

    private static String typeOf(String url) {
        if (url == null || url.isBlank()) {
            return "*";
        }
        String path = url.split("[?/]")[0];
        return path.isBlank() ? "*" : path;
    }
}
