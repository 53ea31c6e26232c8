package dev.idem.cli;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderNotConfiguredException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.ReplyTooLargeException;
import dev.idem.port.out.RequestRejectedException;
import java.util.function.UnaryOperator;

/**
 * The words of the one line an idem failure is told in: its message, and what to do where the message alone does
 * not say (which provider, which setting, which command shows more). Only the wording depends on the type; the
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
            return of(f.failure(), keyHint) + (f.attempts() > 1 ? " (after " + f.attempts() + " attempts)" : "");
        }
        if (e instanceof InvalidSpecException spec) {
            int more = spec.issues().size() - 1;
            return spec.getMessage() + (more > 0 ? " (and " + more + " more; run 'idem validate' for all)" : "");
        }
        if (e instanceof ProviderNotConfiguredException) {
            return e.getMessage() + " (see 'idem providers')";
        }
        if (e instanceof ModelGatewayException g) {
            return ofGateway(g, keyHint);
        }
        return e.getMessage();
    }

    private static String ofGateway(ModelGatewayException g, UnaryOperator<String> keyHint) {
        if (g instanceof AuthenticationFailedException) {
            return g.provider() + " refused the credentials: " + g.getMessage() + " (check the API key, e.g. "
                    + keyHint.apply(g.provider()) + ")";
        }
        if (g instanceof ModelNotFoundException) {
            return g.getMessage();
        }
        if (g instanceof RequestRejectedException) {
            return g.provider() + " rejected the request: " + g.getMessage();
        }
        if (g instanceof RateLimitedException || g instanceof ContentFilteredException
                || g instanceof ReplyTooLargeException) {
            return g.provider() + ": " + g.getMessage();
        }
        return g.provider() + " is unavailable: " + g.getMessage();
    }
}
