package org.radtox.fhir.terminology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.radtox.fhir.RadToxFhir;
import org.radtox.student.symptoms.SymptomSet;

/**
 * Validates what RadTox emits with HAPI's {@link FhirInstanceValidator}, offline: the R4 core
 * definitions come from the classpath, RadTox's own from {@link RadToxConformance}, and no terminology
 * server is asked anything. An Observation is checked against the toxicity profile its
 * {@code meta.profile} names; anything else against the R4 base definitions.
 *
 * <p>Building one takes seconds (the R4 core definitions are parsed and snapshots generated), so build
 * it once and share it: validation is thread-safe.
 */
public final class EmittedResourceValidator {

    private final FhirContext fhirContext;
    private final List<Resource> conformance;
    private final FhirValidator validator;

    private EmittedResourceValidator(Builder b) {
        this.fhirContext = b.fhirContext;
        List<Resource> published = RadToxConformance.resources(b.symptoms);
        // Parsing the R4 core definitions is most of the start-up cost: once, for both chains.
        DefaultProfileValidationSupport core = new DefaultProfileValidationSupport(fhirContext);

        // Snapshots first, with a chain that knows the core and RadTox's differentials: the profile's snapshot
        // needs the extension's, and serving a profile without a snapshot makes every client generate it.
        PrePopulatedValidationSupport differentials = new PrePopulatedValidationSupport(fhirContext);
        published.forEach(differentials::addResource);
        SnapshotGeneratingValidationSupport snapshots = new SnapshotGeneratingValidationSupport(fhirContext);
        ValidationSupportChain forSnapshots = new ValidationSupportChain(
                core, differentials, snapshots);
        List<Resource> withSnapshots = new ArrayList<>();
        for (Resource r : published) {
            if (r instanceof StructureDefinition sd) {
                StructureDefinition generated = (StructureDefinition) snapshots.generateSnapshot(
                        new ValidationSupportContext(forSnapshots), sd.copy(), sd.getUrl(), null, sd.getName());
                if (generated == null || !generated.hasSnapshot()) {
                    throw new IllegalStateException("no snapshot could be generated for " + sd.getUrl());
                }
                differentials.addResource(generated);
                withSnapshots.add(generated);
            } else {
                withSnapshots.add(r);
            }
        }
        this.conformance = Collections.unmodifiableList(withSnapshots);

        PrePopulatedValidationSupport radtox = new PrePopulatedValidationSupport(fhirContext);
        conformance.forEach(radtox::addResource);
        radtox.addCodeSystem(meddraStub());
        ValidationSupportChain chain = new ValidationSupportChain(
                core,
                radtox,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        // A profile the validator cannot find is an error, not a shrug: every emitted profile must be known here.
        instanceValidator.setErrorForUnknownProfiles(true);
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The messages of every severity; {@link ValidationResult#isSuccessful()} is false when one is an error. */
    public ValidationResult validate(IBaseResource resource) {
        Objects.requireNonNull(resource, "resource");
        return validator.validateWithResult(resource);
    }

    /**
     * {@link RadToxConformance#resources} with snapshots generated for the StructureDefinitions: what the
     * server should serve at their canonical URLs.
     */
    public List<Resource> conformanceResources() {
        return conformance;
    }

    public FhirContext fhirContext() {
        return fhirContext;
    }

    /**
     * MedDRA is licensed and not in FHIR's core package, so the validator cannot know its codes: without
     * this stub every Observation gets "CodeSystem is unknown and can't be validated: .../mdr" (a warning
     * in HAPI 8.8.0; other validator versions and policies make it an error). A stub CodeSystem with
     * content {@code not-present} says exactly what is true: the system exists, its codes are not
     * available here. That is narrower than a catch-all such as UnknownCodeSystemWarningValidationSupport,
     * which would also excuse a typo in one of RadTox's own system URLs: only MedDRA is excused, and only
     * from checking its codes. It is not among the resources RadTox publishes: the server must not pretend
     * to serve MedDRA.
     */
    static CodeSystem meddraStub() {
        CodeSystem mdr = new CodeSystem();
        mdr.setId("mdr");
        mdr.setUrl(RadToxFhir.MEDDRA_SYSTEM);
        mdr.setName("MedDRA");
        mdr.setTitle("Medical Dictionary for Regulatory Activities (codes not available offline)");
        mdr.setStatus(PublicationStatus.ACTIVE);
        mdr.setContent(CodeSystem.CodeSystemContentMode.NOTPRESENT);
        return mdr;
    }

    public static final class Builder {
        private FhirContext fhirContext;
        private SymptomSet symptoms;

        /**
         * The server's R4 context, to share its model caches. It must keep versioned references at
         * {@link RadToxFhir#VERSIONED_REFERENCE_PATHS}, or the profile's rtx-tox-1 fails on every Observation.
         * Defaults to a new R4 context configured so.
         */
        public Builder fhirContext(FhirContext fhirContext) {
            this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
            return this;
        }

        /** The symptom set whose keys the symptom code system holds; defaults to {@link SymptomSet#prostateRt()}. */
        public Builder symptomSet(SymptomSet symptoms) {
            this.symptoms = Objects.requireNonNull(symptoms, "symptoms");
            return this;
        }

        public EmittedResourceValidator build() {
            if (fhirContext == null) {
                // Not the shared forR4Cached(): its parser options would be changed for everyone.
                fhirContext = FhirContext.forR4();
                fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths(RadToxFhir.VERSIONED_REFERENCE_PATHS);
            }
            if (symptoms == null) {
                symptoms = SymptomSet.prostateRt();
            }
            return new EmittedResourceValidator(this);
        }
    }
}
