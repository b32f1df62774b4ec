// Writes the test counts to .jest-summary.json so that .ci/run can print its own
// `N passed, N failed` line without parsing jest's human-readable summary.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const failedSuites = results.numFailedTestSuites + (results.numRuntimeErrorTestSuites || 0);
    const summary = {
      passed: results.numPassedTests,
      // A suite that fails to load has no tests but must still count as a failure.
      failed: results.numFailedTests + (failedSuites > 0 && results.numFailedTests === 0 ? failedSuites : 0),
      suites: results.numTotalTestSuites,
    };
    fs.writeFileSync(path.join(this.rootDir, '.jest-summary.json'), JSON.stringify(summary));
  }
}
module.exports = SummaryReporter;
