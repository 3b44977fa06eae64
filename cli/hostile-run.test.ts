/**
 * `seqconform run` end to end against targets that misbehave: the reports are always written,
 * say on their first line when they are partial, and the exit code and headline agree.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../mock/serve.ts';
import { faults, startHostileProxy } from '../suites/hostile/proxy.ts';
import { cli } from './test-helpers.ts';

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 4 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-hostile-cli-'));
});
afterAll(async () => {
  await mock?.close();
});

describe('seqconform run against a backend that dies mid-run', () => {
  it('stops sending, writes a partial report that says so first, and exits 2 without saying PASS', async () => {
    let dead = false;
    const proxy = await startHostileProxy(mock.baseUrl, [
      {
        when: (s) => {
          if (s.n === 600) dead = true;
          return dead;
        },
        fault: faults.reset(),
      },
    ]);
    const profile = join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify({ ...mock.profile, base_url: proxy.baseUrl }));
    const out = join(dir, 'out');
    try {
      const r = await cli(['run', '--profile', profile, '--out', out, '--max-connection-failures', '8']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout.split('\n')[0]).toMatch(
        /^seqconform INCOMPLETE: partial report: the target stopped answering: 8 consecutive connection failures/,
      );
      expect(r.stdout).not.toMatch(/PASS/);
      const md = readFileSync(join(out, 'report.md'), 'utf8');
      expect(md.split('\n')[0]).toMatch(
        /^# Sequence API compliance: INCOMPLETE \(partial report: the target stopped answering/,
      );
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      expect(report.accounting.ok).toBe(true);
      expect(report.summary.not_sent).toBeGreaterThan(100);
      expect(report.summary.cases).toBe(report.summary.selected);
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(
        /id="stopped"><b>Partial report:<\/b> the target stopped answering/,
      );
      expect(existsSync(join(out, 'junit.xml')) && existsSync(join(out, 'results.json'))).toBe(true);
      expect(proxy.seen.length - 599).toBeLessThan(100);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
