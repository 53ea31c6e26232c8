package dev.idem.domain.execution;

/**
 * The life of one fingerprinted call in the execution store: {@code ABSENT → IN_PROGRESS} (claimed, with a
 * lease and a fencing token), then {@code IN_PROGRESS → COMPLETED} (reply stored) or back to absent on a
 * retryable failure, or {@code IN_PROGRESS → FAILED} (terminal failure recorded).
 */
public enum ExecutionState { IN_PROGRESS, COMPLETED, FAILED }
