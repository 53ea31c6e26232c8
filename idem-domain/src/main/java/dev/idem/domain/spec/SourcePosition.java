package dev.idem.domain.spec;

/**
 * A 1-based line and column in a spec file.
 *
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourcePosition(int line, int column) {

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
