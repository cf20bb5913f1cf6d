package org.radtox.cds.http;

import java.io.IOException;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Every error RadTox's CDS endpoints answer is an HTTP status with a FHIR OperationOutcome saying why. */
final class OperationOutcomes {

    private final FhirContext fhir;

    OperationOutcomes(FhirContext fhir) {
        this.fhir = fhir;
    }

    void send(HttpServletResponse resp, int status, String issueType, List<String> diagnostics) throws IOException {
        OperationOutcome oo = new OperationOutcome();
        for (String d : diagnostics) {
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.fromCode(issueType)).setDiagnostics(d);
        }
        resp.setStatus(status);
        resp.setContentType("application/fhir+json;charset=utf-8");
        resp.getWriter().write(fhir.newJsonParser().encodeResourceToString(oo));
    }

    void send(HttpServletResponse resp, int status, String issueType, String diagnostics) throws IOException {
        send(resp, status, issueType, List.of(diagnostics));
    }
}
