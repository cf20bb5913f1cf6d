package org.radtox.server.health;

/** The message an operator can act on is usually the innermost cause's, not the wrapper's. */
final class Causes {

    private Causes() {
    }

    static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }
}
