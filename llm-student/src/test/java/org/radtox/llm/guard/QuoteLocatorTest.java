package org.radtox.llm.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuoteLocatorTest {

    static final String NOTE = "A/P:  Nocturia x2,\n   grade 1.\tNo dysuria.";

    @Test
    void anExactQuoteIsFoundWhereItStands() {
        assertArrayEquals(new int[] {31, 42}, new QuoteLocator(NOTE).locate("No dysuria.").orElseThrow());
    }

    @Test
    void differencesOfWhitespaceAndCaseAreTolerated_andTheSpanIsTheNotesOwn() {
        int[] span = new QuoteLocator(NOTE).locate("nocturia x2, grade 1.").orElseThrow();
        assertTrue(NOTE.substring(span[0], span[1]).equals("Nocturia x2,\n   grade 1."), NOTE.substring(span[0], span[1]));
    }

    @Test
    void leadingAndTrailingSpaceOfTheQuoteDoNotMatter() {
        assertArrayEquals(new int[] {31, 42}, new QuoteLocator(NOTE).locate("  No dysuria. \n").orElseThrow());
    }

    @Test
    void aParaphraseIsNotFound() {
        assertTrue(new QuoteLocator(NOTE).locate("denies dysuria").isEmpty());
        assertTrue(new QuoteLocator(NOTE).locate("Nocturia x2, grade 2.").isEmpty());
        assertTrue(new QuoteLocator(NOTE).locate("   ").isEmpty());
    }
}
