import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker. Three: the mutant gate takes one, and files that mostly wait on timeouts overlap with the rest.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'openapi/**/*.test.ts',
            'generators/**/*.test.ts',
            'mock/**/*.test.ts',
            'reports/**/*.test.ts',
            'cli/**/*.test.ts',
            'suites/checks/**/*.test.ts',
            'suites/unit/**/*.test.ts',
            'suites/hostile/**/*.test.ts',
            'suites/scenarios/**/*.test.ts',
          ],
          testTimeout: 60_000,
          // One module graph per worker instead of one per file: the unit files share no mutable module
          // state (no module mocks, chdir or globals left changed; cli/mock-thread.test.ts silences console
          // output and restores it within its test), and re-importing ajv, undici and the contract for
          // each of ~60 files was a sixth of npm test's CPU (import 53 s → 27 s; npm test 300 s → 249 s).
          isolate: false,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['suites/*.test.ts'],
          globalSetup: ['suites/global-setup.ts'],
          // How `vitest` runs the conformance project (the CLI takes flags instead): against the
          // embedded mock by default; set profileFile (and out, baseline, strict, only…) to run it elsewhere.
          provide: { seqconformOptions: { out: 'reports/out/vitest' } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxConcurrency: 32,
          isolate: false,
        },
      },
      {
        test: {
          name: 'mutants',
          include: ['suites/gate/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
