package dev.idem.application;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.Fingerprint;

/**
 * How one idempotent call ended.
 *
 * @param completion  the reply
 * @param fingerprint the call's identity
 * @param replayed    true when no model call was made for this request (stored reply, or another thread's
 *                    or process's identical call)
 * @param attempts    model attempts this request made (0 when replayed)
 */
public record Execution(Completion completion, Fingerprint fingerprint, boolean replayed, int attempts) {
}
