package org.radtox.student.segmentation;

/** A stretch of a note under one header (or before any header: {@link SectionKind#UNLABELED}). */
public record Section(SectionKind kind, String header, int start, int end) {
}
