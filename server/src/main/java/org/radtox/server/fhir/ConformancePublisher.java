package org.radtox.server.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.context.SmartLifecycle;

import org.radtox.fhir.terminology.RadToxConformance;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Publishes what RadTox emits, on the server itself: the toxicity-Observation profile, the evidence
 * extension, and the CodeSystems and ValueSets of symptom keys and grades, stored under their own ids
 * (an update each start, so a new RadTox version replaces them); and the built-in search parameters it
 * retires ({@link RetiredSearchParameters}).
 */
final class ConformancePublisher implements SmartLifecycle {

    private final DaoRegistry daos;
    private final SymptomSet symptoms;
    private final FhirContext fhir;
    private final ISearchParamRegistry searchParameters;
    private boolean running;

    ConformancePublisher(DaoRegistry daos, SymptomSet symptoms, FhirContext fhir, ISearchParamRegistry searchParameters) {
        this.daos = daos;
        this.symptoms = symptoms;
        this.fhir = fhir;
        this.searchParameters = searchParameters;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void start() {
        SystemRequestDetails request = new SystemRequestDetails();
        List<Resource> published = new ArrayList<>(RadToxConformance.resources(symptoms));
        published.addAll(RetiredSearchParameters.of(fhir));
        for (Resource r : published) {
            IFhirResourceDao dao = daos.getResourceDao(r.getClass());
            for (int attempt = 1; ; attempt++) {
                try {
                    dao.update(r, request);
                    break;
                } catch (ResourceVersionConflictException e) {
                    // Several nodes starting on one new database store the same resources at the same moment;
                    // the one that lost tries again and finds the winner's copy.
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }
        // Before any worker writes: the registry otherwise picks the retirements up on its next timed refresh.
        searchParameters.forceRefresh();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
