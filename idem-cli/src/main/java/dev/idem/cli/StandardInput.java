package dev.idem.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Standard input, for a value given as {@code @-} ({@code --var notes=@-}, {@code --system-context @-}). It can be
 * read once: the first {@code @-} takes all of it, so a second one in the same command is a usage error rather than
 * an empty value.
 */
final class StandardInput {

    private final InputStream in;
    private String takenBy;

    StandardInput(InputStream in) {
        this.in = in;
    }

    /** Nothing to read (a test, or a command that never reads it). */
    static StandardInput empty() {
        return new StandardInput(InputStream.nullInputStream());
    }

    /**
     * Reads at most {@code limit} bytes for {@code option}.
     *
     * @throws UsageException if another option has read it already
     * @throws IOException    if it cannot be read
     */
    synchronized byte[] take(String option, int limit) throws IOException {
        if (takenBy != null) {
            throw new UsageException(option + ": standard input was already read for " + takenBy
                    + " (only one value can be @-)");
        }
        takenBy = option;
        return in.readNBytes(limit);
    }
}
