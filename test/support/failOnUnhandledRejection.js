// Jest setup (setupFilesAfterEnv): a test file fails when a promise rejection goes unhandled while it runs,
// including one that surfaces only after its last test (a late rejection in a teardown), naming the reasons.
// Plain JavaScript so that it also runs in the fixture that tests it (test/support/failOnUnhandledRejection.spec.ts).
'use strict';

const rejections = [];
const onRejection = (reason) => {
  rejections.push(reason);
};

// Installed in beforeAll, not at load: jest-circus swaps the process handlers when the file starts running.
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
});

afterAll(async () => {
  // A rejection is reported after the microtasks of the macrotask that made it: give the last ones two turns.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onRejection);
  if (rejections.length > 0) {
    const reasons = rejections.map((r) => (r instanceof Error ? r.stack || r.message : String(r)));
    rejections.length = 0;
    throw new Error(`${reasons.length} unhandled promise rejection(s) in this test file:\n${reasons.join('\n')}`);
  }
});
