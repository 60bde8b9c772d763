// Prints the plain closing line CI systems of this workplace read ("jest: N passed, N failed, N
// skipped"); Jest's own summary ("Tests: N passed, N total") is not in that form. Plain JS because
// Jest requires reporters without transforming them.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = ClosingLineReporter;
