package org.radtox.server.fhir;

/** Switching student versions on a server with the embedded database. */
class StudentSwitchOnH2Test extends StudentSwitchTest {
    @Override
    String jdbcUrl() {
        return null;
    }
}
