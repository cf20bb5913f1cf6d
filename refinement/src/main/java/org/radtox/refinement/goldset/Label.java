package org.radtox.refinement.goldset;

/** One symptom's label of one note: status and CTCAE grade (0 absent, null not mentioned or ungradable). */
public record Label(LabelStatus status, Integer grade) {

    public static final Label NOT_MENTIONED = new Label(LabelStatus.NOT_MENTIONED, null);

    public Label {
        switch (status) {
            case PRESENT -> {
                if (grade != null && (grade < 1 || grade > 5)) {
                    throw new IllegalArgumentException("a present label has grade 1..5 or null, not " + grade);
                }
            }
            case ABSENT -> {
                if (grade == null || grade != 0) {
                    throw new IllegalArgumentException("an absent label has grade 0, not " + grade);
                }
            }
            case NOT_MENTIONED -> {
                if (grade != null) {
                    throw new IllegalArgumentException("a not_mentioned label has grade null, not " + grade);
                }
            }
        }
    }
}
