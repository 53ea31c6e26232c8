/**
 * The idem domain: prompt specs, their rendering and validation, evaluators, and the values of
 * idempotent execution (fingerprints, retry policy, execution records). Pure Java 17: no I/O,
 * no clock or randomness of its own (a {@link java.time.Clock} and a {@link
 * dev.idem.domain.execution.RandomSource} come in), no frameworks.
 */
package dev.idem.domain;
