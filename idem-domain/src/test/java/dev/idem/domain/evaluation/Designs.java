package dev.idem.domain.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Designs used by the evaluation tests. */
final class Designs {

    private Designs() {
    }

    /** A design that follows every format rule and covers every rubric item. */
    static String compliant() {
        try (InputStream in = Designs.class.getResourceAsStream("/designs/compliant-design.md")) {
            if (in == null) {
                throw new IllegalStateException("test resource designs/compliant-design.md is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
