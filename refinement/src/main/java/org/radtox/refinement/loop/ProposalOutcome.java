package org.radtox.refinement.loop;

import org.radtox.refinement.candidate.CandidateScreen.Effect;
import org.radtox.refinement.teacher.Proposal;

/** One proposal and what checking it showed ({@code train} / {@code validation} are null where it was not run). */
public record ProposalOutcome(Proposal proposal, Verdict verdict, String reason, Effect train, Effect validation) {
}
