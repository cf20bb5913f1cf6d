package org.radtox.student.embedded;

import org.radtox.student.assertion.Assertion;
import org.radtox.student.mention.Mention;
import org.radtox.student.segmentation.Clause;

/** A mention with the clause it stands in and how it is asserted there. */
record AssessedMention(Mention mention, Clause clause, Assertion assertion) {

    int authority() {
        return clause.section().kind().authority();
    }
}
