package org.radtox.server.students;

import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;

/**
 * Finds the student a command names with {@code --student}. Today only the embedded student exists;
 * the LLM student and the version registry add their names here.
 */
public final class StudentResolver {

    private StudentResolver() {
    }

    /** @param name {@code null}, {@code embedded}, or the exact version (e.g. {@code embedded@2026-11-28.1}) */
    public static Student resolve(String name) {
        EmbeddedStudent embedded = EmbeddedStudent.bundled();
        if (name == null || name.equals("embedded") || name.equals(embedded.version())) {
            return embedded;
        }
        throw new IllegalArgumentException("unknown student version '" + name + "'; available: " + embedded.version()
                + " (or 'embedded')");
    }
}
