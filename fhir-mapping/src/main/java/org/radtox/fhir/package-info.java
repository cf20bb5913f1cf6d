/**
 * FHIR R4 adapters around the student: note text out of {@code DocumentReference}, findings into
 * {@code Observation} + {@code Provenance} + model {@code Device}, CTCAE as a {@code CodeSystem}.
 * Depends on {@code student} only; built by the FHIR server issue.
 */
package org.radtox.fhir;
