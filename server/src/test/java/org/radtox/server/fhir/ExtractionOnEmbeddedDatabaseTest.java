package org.radtox.server.fhir;

/** The zero-setup default: the embedded database in the data folder. */
class ExtractionOnEmbeddedDatabaseTest extends ExtractionServerTest {

    @Override
    String jdbcUrl() {
        return null;
    }
}
