package org.radtox.server.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.context.SmartLifecycle;

import org.radtox.fhir.terminology.RadToxConformance;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Publishes what RadTox emits, on the server itself: the toxicity-Observation profile, the evidence
 * extension, and the CodeSystems and ValueSets of symptom keys and grades, stored under their own ids
 * (an update each start, so a new RadTox version replaces them).
 */
final class ConformancePublisher implements SmartLifecycle {

    private final DaoRegistry daos;
    private final SymptomSet symptoms;
    private boolean running;

    ConformancePublisher(DaoRegistry daos, SymptomSet symptoms) {
        this.daos = daos;
        this.symptoms = symptoms;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void start() {
        SystemRequestDetails request = new SystemRequestDetails();
        for (Resource r : RadToxConformance.resources(symptoms)) {
            IFhirResourceDao dao = daos.getResourceDao(r.getClass());
            dao.update(r, request);
        }
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
