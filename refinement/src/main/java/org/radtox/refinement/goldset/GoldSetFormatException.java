package org.radtox.refinement.goldset;

/** A gold-set file that does not follow FORMATS.md, with the file and line at fault. */
public class GoldSetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GoldSetFormatException(String message) {
        super(message);
    }
}
