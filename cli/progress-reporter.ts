/** A vitest reporter for the terminal: cases done, failures so far and the rate, then nothing else. */
import type { Reporter, TestCase } from 'vitest/node';

/** Prints progress to stderr at most every 500 ms. */
export default class ProgressReporter implements Reporter {
  #cases = 0;
  #failed = 0;
  #warned = 0;
  #t0 = performance.now();
  #last = 0;
  readonly #out: NodeJS.WriteStream = process.stderr;

  onTestCaseResult(test: TestCase): void {
    const results = (test.meta() as { seqconform?: { results: Array<{ verdict: string }> } }).seqconform?.results ?? [];
    this.#cases += results.length;
    this.#failed += results.filter((r) => r.verdict === 'fail' || r.verdict === 'error').length;
    this.#warned += results.filter((r) => r.verdict === 'warn').length;
    const now = performance.now();
    if (now - this.#last > 500) {
      this.#last = now;
      this.#print(false);
    }
  }

  onTestRunEnd(): void {
    this.#print(true);
  }

  #print(final: boolean): void {
    const s = (performance.now() - this.#t0) / 1000;
    const line = `  ${this.#cases} cases, ${this.#failed} failing, ${this.#warned} warnings, ${Math.round(this.#cases / Math.max(s, 0.001))} cases/s`;
    if (this.#out.isTTY) this.#out.write(`\r${line}${final ? '\n' : ''}`);
    else if (final) this.#out.write(`${line}\n`);
  }
}
