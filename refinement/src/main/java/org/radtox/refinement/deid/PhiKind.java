package org.radtox.refinement.deid;

/** The kinds of identifier the PHI check looks for (HIPAA Safe Harbor's, those that appear in notes). */
public enum PhiKind {
    PERSON_NAME, DATE, MRN, SSN, PHONE, FAX, EMAIL, URL, IP_ADDRESS, ADDRESS, AGE_OVER_89
}
