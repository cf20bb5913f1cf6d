package org.radtox.server.dashboard.api;

/** A request the dashboard API refuses, with a message meant for the person at the page (HTTP 400). */
public final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message);
    }
}
