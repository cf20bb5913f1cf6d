package org.radtox.cds.security;

/**
 * A CDS Client whose JWT passed.
 *
 * @param issuer  {@code iss}
 * @param subject {@code sub}, may be {@code null}
 * @param tenant  {@code tenant}, the healthcare organization calling, may be {@code null}
 * @param jti     the token's id
 */
public record VerifiedClient(String issuer, String subject, String tenant, String jti) {

    /** Who called when the check is off (demo mode). */
    public static final VerifiedClient UNCHECKED = new VerifiedClient("(demo: not checked)", null, null, null);
}
