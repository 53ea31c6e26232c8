package dev.idem.domain.execution;

/** A source of uniform doubles in [0, 1); seeded in tests, so jitter is reproducible. */
@FunctionalInterface
public interface RandomSource {

    /** The next uniform value in [0, 1). */
    double nextDouble();

    /** A seeded source backed by {@link java.util.SplittableRandom}; thread-safe. */
    static RandomSource seeded(long seed) {
        java.util.SplittableRandom root = new java.util.SplittableRandom(seed);
        return new RandomSource() {
            @Override
            public synchronized double nextDouble() {
                return root.nextDouble();
            }
        };
    }
}
