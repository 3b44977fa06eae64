import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['openapi/**/*.test.ts', 'generators/**/*.test.ts', 'mock/**/*.test.ts', 'reports/**/*.test.ts', 'cli/**/*.test.ts', 'suites/checks/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
