package org.radtox.server.students;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.radtox.llm.usage.CallLedger;
import org.radtox.llm.version.StudentManifests;
import org.radtox.llm.version.VersionedStudents;
import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.version.StudentVersion;

/**
 * Finds the student a command names with {@code --student}: the embedded student (the default), or a
 * version defined in the students folder ({@code students/<id>.json}, see docs/LLM-STUDENT.md).
 *
 * <p>Extension point: versions are looked up in {@link Setup#sources()} in order, each a function from a
 * version id to its {@link StudentVersion}; the students folder is the first. Refinement's registry adds its
 * own lookup there (or writes its versions into the folder with {@code StudentManifests}); the kinds
 * {@code ollama}, {@code openai} and {@code ensemble} are built by {@link VersionedStudents}.
 */
public final class StudentResolver {

    /**
     * Where versions and their components come from.
     *
     * @param studentsDir the manifests folder (prompts and example banks beside them)
     * @param sources     more lookups of version ids, tried after the folder
     * @param ragDatabase PostgreSQL with pgvector for retrieval indexes; null for the in-process index
     */
    public record Setup(Path studentsDir, List<Function<String, Optional<StudentVersion>>> sources,
                        Map<String, String> environment, VersionedStudents.RagDatabase ragDatabase, CallLedger ledger,
                        Consumer<String> warnings) {

        public static Setup defaults() {
            return new Setup(Path.of("students"), List.of(), System.getenv(), null, CallLedger.inMemory(),
                    w -> System.err.println("radtox: " + w));
        }

        VersionedStudents.Context context() {
            return new VersionedStudents.Context(new StudentManifests(studentsDir), environment, ragDatabase, ledger, warnings);
        }
    }

    private StudentResolver() {
    }

    /** @param name {@code null}, {@code embedded}, or the exact version (e.g. {@code embedded@2026-11-28.1}) */
    public static Student resolve(String name) {
        return resolve(name, Setup.defaults());
    }

    public static Student resolve(String name, Setup setup) {
        EmbeddedStudent embedded = EmbeddedStudent.bundled();
        if (name == null || name.equals("embedded") || name.equals(embedded.version())) {
            return embedded;
        }
        StudentManifests manifests = new StudentManifests(setup.studentsDir());
        List<Function<String, Optional<StudentVersion>>> lookups = new ArrayList<>();
        lookups.add(manifests::find);
        lookups.addAll(setup.sources());
        for (Function<String, Optional<StudentVersion>> lookup : lookups) {
            Optional<StudentVersion> v = lookup.apply(name);
            if (v.isPresent()) {
                return build(v.get(), setup);
            }
        }
        throw new IllegalArgumentException("unknown student version '" + name + "'; available: " + embedded.version()
                + " (or 'embedded')" + defined(manifests));
    }

    /** The student of a version, by its kind. */
    public static Student build(StudentVersion v, Setup setup) {
        return VersionedStudents.build(v, setup.context()).orElseThrow(() -> new IllegalArgumentException(
                "student version " + v.id() + " is of kind '" + v.kind() + "', which this build cannot run"));
    }

    private static String defined(StudentManifests manifests) {
        try {
            List<StudentVersion> all = manifests.list();
            return all.isEmpty() ? "" : ", or one defined in " + manifests.dir() + ": "
                    + String.join(", ", all.stream().map(StudentVersion::id).toList());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "";
        }
    }
}
