package dev.idem.application;

import dev.idem.domain.spec.TestCase;

/**
 * One case of an evaluation: a test row, and which sample of it ({@code --repeat}).
 *
 * @param row    the test row
 * @param sample 0-based sample index
 */
record CaseWork(TestCase row, int sample) {
}
