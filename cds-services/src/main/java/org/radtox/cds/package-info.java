/**
 * RadTox's CDS Hooks 2.0 service (docs/CDS-HOOKS.md), assembled by {@link org.radtox.cds.CdsHooks} and mounted by
 * the server at {@code /cds-services}. Depends on {@code fhir-mapping} and {@code student}.
 * <ul>
 *   <li>{@code discovery}: the services, one per hook, and their prefetch templates.</li>
 *   <li>{@code invocation}: a hook call read and checked, its prefetch resolved (or fetched from the EHR's FHIR
 *       server with the client's token), the notes read by the active student within the deadline.</li>
 *   <li>{@code chart}: what was read of the patient's chart for one call.</li>
 *   <li>{@code cards}: each toxicity's course and trend, and the cards: summary, Markdown detail, suggestions
 *       carrying the toxicity Observation, override reasons, links.</li>
 *   <li>{@code feedback}: the cards issued and what clinicians did with them, in the server's database, and
 *       candidate gold-set lines for reviewers.</li>
 *   <li>{@code security}: the CDS client's JWT.</li>
 *   <li>{@code http}: the servlets.</li>
 * </ul>
 */
package org.radtox.cds;
