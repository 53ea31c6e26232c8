package dev.idem.application;

import dev.idem.port.in.CaseResult;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One evaluation's cases on {@code concurrency} worker threads that take them from a {@link CaseQueue}. The calling
 * thread waits for the workers, watching the cancellation; once cancelled, workers start no case and those in flight
 * get {@link #CANCEL_GRACE} to finish. A store that fails for good, or a provider failure that every case would meet
 * (refused credentials, a missing model), stops the run: no case starts after it.
 */
final class CaseRun {

    /** After a cancellation, how long cases in flight may take to finish (and be stored) before they are cut. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(2);
    /** The longest an idle worker waits before it looks at the queue (and at a cancellation) again. */
    private static final Duration IDLE_LOOK = Duration.ofMillis(100);

    private final List<CaseWork> work;
    private final CaseRunner runner;
    private final EvaluateSpecCommand command;
    private final IdempotentExecutor executor;
    private final Clock clock;
    private final CaseQueue<CaseWork> queue;
    private final AtomicReferenceArray<CaseResult> results;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<EvaluationResult.Stop> stop = new AtomicReference<>();
    private final AtomicReference<Throwable> crash = new AtomicReference<>();
    // Callers such as a progress bar need not be thread-safe: they are told one case at a time, and never after the
    // evaluation has returned.
    private final Object progressLock = new Object();
    private boolean reported;
    private int notRun;

    CaseRun(List<CaseWork> work, CaseRunner runner, EvaluateSpecCommand command, IdempotentExecutor executor,
            Clock clock) {
        this.work = work;
        this.runner = runner;
        this.command = command;
        this.executor = executor;
        this.clock = clock;
        this.queue = new CaseQueue<>(work);
        this.results = new AtomicReferenceArray<>(work.size());
    }

    /** Every case's result, in order: run, or an error saying why it was not. */
    List<CaseResult> all() {
        int threads = Math.min(command.concurrency(), work.size());
        CountDownLatch workersDone = new CountDownLatch(threads);
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    work();
                } finally {
                    workersDone.countDown();
                }
            }, "idem-eval-" + i);
            t.setDaemon(true);
            t.start();
        }
        awaitWorkers(workersDone);
        synchronized (progressLock) {
            reported = true;
        }
        Throwable failure = crash.get();
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return collect();
    }

    /** Why the run stopped early, if it did, with the number of cases {@link #all} found without a result. */
    Optional<EvaluationResult.Stop> stop() {
        return Optional.ofNullable(stop.get()).map(s -> new EvaluationResult.Stop(s.cause(), s.message(), notRun,
                s.failure()));
    }

    private void awaitWorkers(CountDownLatch workersDone) {
        try {
            while (!workersDone.await(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (command.cancellation().isCancelled()) {
                    stopBecause(EvaluationResult.Cause.CANCELLED, command.cancellation().reason().orElseThrow());
                    // Cases that end within the grace keep their result (and their stored reply); the rest are
                    // cut, and closing the executor gives their claims back.
                    workersDone.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopBecause(EvaluationResult.Cause.CANCELLED, "interrupted");
        }
    }

    private void work() {
        while (stop.get() == null && crash.get() == null) {
            if (command.cancellation().isCancelled()) {
                stopBecause(EvaluationResult.Cause.CANCELLED, command.cancellation().reason().orElseThrow());
                return;
            }
            CaseQueue.Next<CaseWork> next = queue.next(clock.instant());
            if (next.allFinished()) {
                return;
            }
            if (next.pending().isEmpty()) {
                executor.pause(next.pause().compareTo(IDLE_LOOK) < 0 ? next.pause() : IDLE_LOOK);
                continue;
            }
            runCase(next.pending().get());
        }
    }

    private void runCase(CaseQueue.Pending<CaseWork> pending) {
        int index = pending.index();
        running.add(index);
        try {
            Optional<CaseResult> result = runner.run(pending.work(), pending.waitingSince(clock.instant()));
            if (result.isEmpty()) {
                queue.busy(pending, clock.instant());
                return;
            }
            finish(index, result.get());
        } catch (CaseRunner.EveryCaseWouldFail e) {
            stop.compareAndSet(null, new EvaluationResult.Stop(EvaluationResult.Cause.PROVIDER_MISCONFIGURED,
                    e.getMessage(), 0, Optional.of(e.failure())));
            finish(index, e.result());
        } catch (StoreUnavailableException e) {
            stopBecause(EvaluationResult.Cause.STORE_UNAVAILABLE, e.getMessage());
            finish(index, CaseRunner.error(pending.work(), "the execution store failed: " + e.getMessage(), List.of(),
                    0));
        } catch (RuntimeException | Error e) {
            crash.compareAndSet(null, e);
        } finally {
            running.remove(index);
        }
    }

    private void finish(int index, CaseResult result) {
        results.set(index, result);
        queue.finished();
        synchronized (progressLock) {
            if (!reported) {
                command.progress().caseFinished(result);
            }
        }
    }

    private void stopBecause(EvaluationResult.Cause cause, String message) {
        stop.compareAndSet(null, new EvaluationResult.Stop(cause, message, 0));
    }

    private List<CaseResult> collect() {
        EvaluationResult.Stop s = stop.get();
        List<CaseResult> all = new ArrayList<>(work.size());
        for (int i = 0; i < work.size(); i++) {
            CaseResult r = results.get(i);
            if (r == null) {
                notRun++;
                String why = s == null ? "not run" : s.message();
                r = CaseRunner.error(work.get(i), running.contains(i)
                        ? "stopped before its reply arrived: " + why + " (its claim was given back)"
                        : "not run: " + why, List.of(), 0);
            }
            all.add(r);
        }
        return all;
    }
}
