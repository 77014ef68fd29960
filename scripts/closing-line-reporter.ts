import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after
 * the default reporter's summary, so any tool can read the outcome of a run.
 */
export default class ClosingLineReporter implements Reporter {
  private line = "";

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    this.line = `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
  }

  // printed from the last hook of the run, after the default reporter's summary
  onFinished(): void {
    if (this.line !== "") process.stdout.write(`${this.line}\n`);
  }
}
