// Prints the plain closing line CI systems of this workplace read ("jest: N passed, N failed, N
// skipped"); Jest's own summary ("Tests: N passed, N total") is not in that form. It must be the
// last line of the run: Jest adds its summary reporter after every custom one, and prints its notes
// ("Ran all test suites", "Test results written to") after the reporters, so the line is written
// when the process exits, after all of them. Plain JS because Jest requires reporters without
// transforming them.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A test file that could not run (a syntax error, a failing beforeAll import) has no failed test: it counts as one.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    // Writes to a file, a pipe or a terminal are synchronous on Linux and macOS, as an exit listener needs.
    process.once('exit', () => process.stdout.write(line));
  }
}
module.exports = ClosingLineReporter;
