package org.radtox.server.fhir;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.radtox.server.security.AdminAccess;

/** An operator endpoint: answers GET only to those {@link AdminAccess} lets through. */
abstract class OperatorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient AdminAccess access;

    OperatorServlet(AdminAccess access) {
        this.access = access;
    }

    @Override
    protected final void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (access.allow(req, resp)) {
            answer(resp);
        }
    }

    abstract void answer(HttpServletResponse resp) throws IOException;
}
