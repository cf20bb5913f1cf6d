/**
 * FHIR R4 adapters around the student, what the FHIR server calls. Depends on {@code student} only.
 * <ul>
 *   <li>{@link org.radtox.fhir.RadToxFhir}: the canonical URLs RadTox mints.</li>
 *   <li>{@code notetext}: the text of a note out of a {@code DocumentReference} (inline or {@code Binary},
 *       plain text, HTML, RTF, PDF), or a reason an operator can act on.</li>
 *   <li>{@code observation}: findings into toxicity {@code Observation}s, the extraction {@code Provenance}
 *       and the student {@code Device}.</li>
 *   <li>{@code terminology}: the CodeSystems, ValueSets, extension and profile RadTox publishes, and the
 *       offline validator of what it emits.</li>
 * </ul>
 */
package org.radtox.fhir;
