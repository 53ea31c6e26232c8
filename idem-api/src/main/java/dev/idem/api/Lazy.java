package dev.idem.api;

import java.util.function.Supplier;

/**
 * A value made on first use, once, by whichever thread asks first; {@link #isCreated()} lets a closer leave alone
 * what was never made (an unopened store, an executor that would cost a host-name lookup).
 */
final class Lazy<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = supplier.get();
                    value = v;
                }
            }
        }
        return v;
    }

    boolean isCreated() {
        return value != null;
    }
}
