/** A run whose embedded mock's thread dies mid-run: every cell counted, exit 2, and the report says why. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

const TSX = import.meta.resolve('tsx/esm/api');
const ENTRY = new URL('../mock/worker-entry.ts', import.meta.url).href;
/** The mock's thread, through tsx, throwing at its 450th request: past discovery (about 390), among the cells. */
const dying = () =>
  new Worker(
    new URL(
      `data:text/javascript,import { register } from '${TSX}'; register();
       const { Server } = await import('node:http'); const emit = Server.prototype.emit; let n = 0;
       Server.prototype.emit = function (ev, ...a) { if (ev === 'request' && ++n === 450) throw new Error('boom at request 450'); return emit.call(this, ev, ...a); };
       await import('${ENTRY}');`,
    ),
  );

describe('the embedded mock dying mid-run', () => {
  it('ends the run INCOMPLETE with every cell counted, and the report says the thread failed and why', async () => {
    const out = mkdtempSync(join(tmpdir(), 'seqconform-mock-dies-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['run', '--only', 'getCard', '--fuzz', '0', '--out', out], { mockWorker: dying });
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(2);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      stopped: string;
      accounting: { selected: number; recorded: number; ok: boolean };
      outcome: { outcome: string };
    };
    expect(report.stopped).toMatch(/the embedded mock's thread failed: boom at request 450/);
    expect(report.outcome.outcome).toBe('INCOMPLETE');
    expect(report.accounting).toMatchObject({ ok: true, recorded: report.accounting.selected });
  }, 60_000);
});
