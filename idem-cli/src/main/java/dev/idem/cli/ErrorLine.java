package dev.idem.cli;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ProviderNotConfiguredException;
import java.util.function.UnaryOperator;

/**
 * The words of the one line an idem failure is told in: its own summary, and where to look when the failure alone
 * does not say (which setting holds the key, which command shows more). Only this wording depends on the type; the
 * exit code comes from the failure's category, so a type this class does not know is still told by its message.
 */
final class ErrorLine {

    private ErrorLine() {
    }

    /**
     * @param keyHint the setting that holds a provider's credentials, by provider id
     */
    static String of(Throwable e, UnaryOperator<String> keyHint) {
        if (e instanceof ExecutionFailedException f) {
            return f.summary() + (f.credentialsRefused()
                    ? " (check the API key, e.g. " + keyHint.apply(f.provider()) + ")" : "");
        }
        if (e instanceof InvalidSpecException spec) {
            int more = spec.errors().size() - 1;
            return spec.getMessage() + (more > 0 ? " (and " + more + " more; run 'idem validate' for all)" : "");
        }
        if (e instanceof ProviderNotConfiguredException) {
            return e.getMessage() + " (see 'idem providers')";
        }
        return e.getMessage();
    }
}
