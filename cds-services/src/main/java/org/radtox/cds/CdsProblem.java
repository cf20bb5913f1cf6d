package org.radtox.cds;

/**
 * A call RadTox cannot answer with cards, as the HTTP status and OperationOutcome the client gets: 400 for a
 * malformed request, 404 for an unknown service, 412 when the notes cannot be obtained (CDS Hooks 2.0), 413 for
 * a request over the limit, 401 for a JWT that does not pass.
 *
 * @see org.radtox.cds.http.OperationOutcomes
 */
public final class CdsProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String issueType;

    /**
     * @param status    HTTP status
     * @param issueType the FHIR {@code OperationOutcome.issue.code} ({@code invalid}, {@code required}, ...)
     * @param reason    what is wrong, for the developer of the CDS client
     */
    public CdsProblem(int status, String issueType, String reason) {
        super(reason);
        this.status = status;
        this.issueType = issueType;
    }

    public static CdsProblem invalid(String reason) {
        return new CdsProblem(400, "invalid", reason);
    }

    public static CdsProblem required(String reason) {
        return new CdsProblem(400, "required", reason);
    }

    public int status() {
        return status;
    }

    public String issueType() {
        return issueType;
    }
}
