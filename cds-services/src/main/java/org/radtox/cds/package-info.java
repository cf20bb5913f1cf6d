/**
 * CDS Hooks services: discovery, invocation with prefetch, cards with evidence and suggestions, and
 * clinician feedback. Depends on {@code fhir-mapping} and {@code student}; built by the CDS Hooks issue.
 */
package org.radtox.cds;
