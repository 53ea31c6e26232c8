package dev.idem.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The cases of one evaluation waiting for a worker. Free cases go first, in order. A case whose call another run
 * holds (a claim left by a crashed run, or a shard busy with the same call) goes to the back and is not looked at
 * again before its next poll is due, so the workers do every free case before they wait on anyone.
 *
 * @param <W> what a case is
 */
final class CaseQueue<W> {

    private final Deque<Pending<W>> ready = new ArrayDeque<>();
    private final PriorityQueue<Pending<W>> later = new PriorityQueue<>(Comparator.comparing(Pending<W>::due));
    private int unfinished;

    CaseQueue(List<W> cases) {
        for (int i = 0; i < cases.size(); i++) {
            ready.add(new Pending<>(i, cases.get(i), Optional.empty(), IdempotentExecutor.FIRST_POLL, Instant.MIN));
        }
        unfinished = cases.size();
    }

    /**
     * The next case to run; empty with a wait when every case left is either due later or being run by another
     * worker (whose case may yet come back); empty with no wait when every case is finished.
     */
    synchronized Next<W> next(Instant now) {
        if (unfinished == 0) {
            return new Next<>(Optional.empty(), Duration.ZERO);
        }
        Pending<W> due = later.peek();
        if (due != null && !due.due().isAfter(now)) {
            return new Next<>(Optional.of(later.poll()), Duration.ZERO);
        }
        if (!ready.isEmpty()) {
            return new Next<>(Optional.of(ready.poll()), Duration.ZERO);
        }
        Duration wait = due == null ? IdempotentExecutor.FIRST_POLL : Duration.between(now, due.due());
        return new Next<>(Optional.empty(), wait);
    }

    /** The case's call was busy: it is looked at again after its poll interval, which grows each time. */
    synchronized void busy(Pending<W> pending, Instant now) {
        later.add(new Pending<>(pending.index(), pending.work(), Optional.of(pending.waitingSince(now)),
                IdempotentExecutor.nextPoll(pending.poll()), now.plus(pending.poll())));
    }

    /** The case has its result. */
    synchronized void finished() {
        unfinished--;
    }

    /**
     * A case and its waiting so far.
     *
     * @param index      its position in the evaluation
     * @param work       the case
     * @param firstAsked when its call was first found busy, if it was
     * @param poll       how long to wait before the next look
     * @param due        not to be looked at before
     */
    record Pending<W>(int index, W work, Optional<Instant> firstAsked, Duration poll, Instant due) {

        /** Since when this case has been waiting for its call (now, if it never was). */
        Instant waitingSince(Instant now) {
            return firstAsked.orElse(now);
        }
    }

    /**
     * What a worker does next.
     *
     * @param pending the case to run, if there is one now
     * @param pause   otherwise, how long until there may be one (zero: every case is finished)
     */
    record Next<W>(Optional<Pending<W>> pending, Duration pause) {

        boolean allFinished() {
            return pending.isEmpty() && pause.isZero();
        }
    }
}
