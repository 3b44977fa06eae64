import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/serve.ts';
import { executeRun } from '../run.ts';
import { prepareRun } from '../target.ts';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 2, rateLimitEvery: 40 });
});
afterAll(async () => {
  await mock?.close();
});

describe('back-pressure (C-RATE-1)', () => {
  it('a server answering 429 with Retry-After gets no finding: the suite waits and retries', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seqconform-429-')), 'profile.json');
    writeFileSync(file, JSON.stringify(mock.profile));
    const run = await prepareRun({ profileFile: file, only: 'getAccount,listCards' });
    try {
      const { results } = await executeRun(run, { concurrency: 32 });
      expect(results.length).toBeGreaterThan(100);
      expect(results.flatMap((r) => r.findings)).toEqual([]);
      expect(results.reduce((n, r) => n + r.rate_limited, 0)).toBeGreaterThan(0);
    } finally {
      await run.close();
    }
  }, 120_000);
});
