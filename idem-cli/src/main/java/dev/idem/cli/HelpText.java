package dev.idem.cli;

/** Headings shared by every command's help, so that all of them read alike. */
final class HelpText {

    /** Before a command's own options; the shared ones follow in sections of their own. */
    static final String OPTIONS = "%nOptions:%n";
    /** Before a command's examples (its footer). */
    static final String EXAMPLES = "%nExamples:%n";
    static final String PROVIDER = "%nProvider:%n";
    static final String CACHE = "%nCache:%n";
    static final String STORE = "%nStore:%n";

    private HelpText() {
    }
}
