package dev.idem.port.out;

import dev.idem.domain.evaluation.Verdict;
import java.util.Optional;

/** Checks, with a JSON library behind it, that a reply is JSON and, optionally, that it conforms to a JSON Schema. */
public interface JsonValidator {

    /**
     * @param text   the reply
     * @param schema JSON Schema text, if any
     * @return passed when the text is one JSON value (and conforms); details say where it is not
     */
    Verdict check(String text, Optional<String> schema);
}
