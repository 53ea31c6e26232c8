package dev.idem.domain.evaluation;

import java.time.Clock;

/**
 * A reply as the regex engine reads it, which gives up once its time is spent: every character the engine
 * looks at passes through {@link #charAt}, including each step of a backtracking search, so counting reads and
 * looking at the clock every few thousand of them bounds a search at negligible cost.
 */
final class DeadlineText implements CharSequence {

    /** Reads between two looks at the clock (a power of two, minus one, as a mask). */
    private static final int CHECK_MASK = 4096 - 1;

    private final CharSequence text;
    private final Deadline deadline;

    DeadlineText(CharSequence text, Clock clock, long deadlineMillis) {
        this(text, new Deadline(clock, deadlineMillis));
    }

    private DeadlineText(CharSequence text, Deadline deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
        deadline.tick();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** Thrown out of the regex engine when the time is spent. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded() {
            // thrown as control flow out of a deep search: no stack trace to fill
            super("regex time budget spent", null, false, false);
        }
    }

    /** Shared by a text and its subsequences; one search runs on one thread. */
    private static final class Deadline {
        private final Clock clock;
        private final long deadlineMillis;
        private int reads;

        Deadline(Clock clock, long deadlineMillis) {
            this.clock = clock;
            this.deadlineMillis = deadlineMillis;
        }

        void tick() {
            if ((++reads & CHECK_MASK) == 0 && clock.millis() > deadlineMillis) {
                throw new Exceeded();
            }
        }
    }
}
