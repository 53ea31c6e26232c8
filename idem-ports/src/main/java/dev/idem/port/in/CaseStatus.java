package dev.idem.port.in;

/** How one evaluated case ended: every applicable evaluator passed, one failed, or no reply was had. */
public enum CaseStatus { PASSED, FAILED, ERROR }
