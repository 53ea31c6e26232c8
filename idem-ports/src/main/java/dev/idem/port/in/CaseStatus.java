package dev.idem.port.in;

/**
 * How one evaluated case ended: every applicable evaluator passed, one failed, no reply was had, or no evaluator
 * failed but one was skipped (the user asked to skip the evaluators idem could not run). A skipped case is not
 * passed: it counts against the pass rate, so an evaluation never looks green for checks that did not run.
 */
public enum CaseStatus { PASSED, FAILED, ERROR, SKIPPED }
