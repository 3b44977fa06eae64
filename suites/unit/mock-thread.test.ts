/** prepareRun with the embedded mock's thread: a thread that cannot serve it costs the run nothing but the thread. */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../run.ts';
import { prepareRun } from '../target.ts';

const failing = {
  'throws while it loads': () => new Worker(new URL('data:text/javascript,throw new Error("no mock here")')),
  'exits while it loads': () => new Worker(new URL('data:text/javascript,process.exit(3)')),
  'ended before it is handed over': () => {
    const w = new Worker(new URL('data:text/javascript,'));
    void w.terminate();
    return w;
  },
};

describe('the embedded mock when its thread fails', () => {
  for (const [how, worker] of Object.entries(failing))
    it(`a thread that ${how}: the mock runs in this thread, every cell judged`, async () => {
      let asked = 0;
      const run = await prepareRun({
        only: 'getCard',
        fuzz: 0,
        mock: {
          worker: () => {
            asked++;
            return worker();
          },
        },
      });
      try {
        const { results } = await executeRun(run);
        expect(asked).toBe(1);
        expect(results.length).toBeGreaterThan(10);
        expect(results.filter((r) => r.verdict !== 'pass').map((r) => `${r.case_id} ${r.verdict}`)).toEqual([]);
      } finally {
        await run.close();
      }
    });
});
