package org.radtox.server.cli;

import picocli.CommandLine.Option;

import org.radtox.server.students.StudentResolver;
import org.radtox.student.Student;

/** {@code --student VERSION}, shared by the commands that run a student. */
final class StudentOption {

    @Option(names = "--student", paramLabel = "VERSION", description = "Student version (default: the embedded student).")
    String version;

    Student resolve() {
        return StudentResolver.resolve(version);
    }
}
