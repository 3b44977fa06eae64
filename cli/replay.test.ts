import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './test-helpers.ts';
import { MUTANTS } from '../mock/mutants/index.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';

let faulty: RunningMock;
let fixed: RunningMock;
let dir: string;
let report: {
  failures: Array<{ finding_id: string; case_id: string; clause: string; check: string }>;
  cases: Array<{ case_id: string; verdict: string; operation_id: string; group: string }>;
};
const received: Array<{ method: string }> = [];
const secrets = () => [...faulty.profile.keys, ...fixed.profile.keys].map((k) => k.secret);

beforeAll(async () => {
  faulty = await startMock({ port: 0, seed: 5, parts: MUTANTS.find((m) => m.id === 'bola-get-card')!.parts });
  faulty.server.on('request', (req) => received.push({ method: req.method ?? '' }));
  fixed = await startMock({ port: 0, seed: 5 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-replay-'));
  writeFileSync(join(dir, 'faulty.json'), JSON.stringify(faulty.profile));
  writeFileSync(join(dir, 'fixed.json'), JSON.stringify(fixed.profile));
  const r = await cli([
    'run',
    '--profile',
    join(dir, 'faulty.json'),
    '--only',
    'getCard,authn',
    '--out',
    join(dir, 'out'),
  ]);
  expect(r.code, r.stderr).toBe(1);
  report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
}, 120_000);
afterAll(async () => {
  await faulty?.close();
  await fixed?.close();
});

const replay = (args: string[]) => cli(['replay', ...args, '--report', join(dir, 'out', 'report.json')]);

describe('seqconform replay', () => {
  it('re-sends a finding to the faulty server: the answer then and now, the same check fires again, exit 1', async () => {
    const f = report.failures.find((x) => x.clause === 'C-PERM-5')!;
    const r = await replay([f.finding_id, '--profile', join(dir, 'faulty.json')]);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout).toContain(`Replaying finding ${f.finding_id} on cell `);
    const [then, now] = r.stdout.split(/\nNow \(/);
    expect(then).toMatch(/expected 403 forbidden \(C-PERM-5\), got 200; fail/);
    expect(then).toMatch(/curl \(export KEY_[A-Z_]+=<the key's secret> first\):\n\s+curl .*\$KEY_/);
    expect(now).toMatch(/GET \/cards\/card_\w+ -> 200, request id req_\w+; body \{/);
    expect(now).toMatch(/MUST status_matches_oracle C-PERM-5/);
    expect(r.stdout).toMatch(/Result: STILL DEVIATES: status_matches_oracle \(C-PERM-5\) fires again/);
    for (const s of secrets()) expect((r.stdout + r.stderr).includes(s)).toBe(false);
  }, 90_000);

  it('against a server without the fault: not reproduced, exit 0', async () => {
    const f = report.failures.find((x) => x.clause === 'C-PERM-5')!;
    const r = await replay([f.finding_id, '--profile', join(dir, 'fixed.json')]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/Warning: the target is not the one the report was made against/);
    expect(r.stdout).toMatch(/-> 403 forbidden/);
    expect(r.stdout).toMatch(/Result: not reproduced/);
  }, 90_000);

  it('a cell id works too; a write to a target that is not the embedded mock is not sent without --allow-writes', async () => {
    const write = report.cases.find((c) => c.group === 'authn' && c.operation_id === 'createTransfer')!;
    const before = received.length;
    const r = await replay([write.case_id, '--profile', join(dir, 'faulty.json')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toContain(`Replaying cell ${write.case_id}`);
    expect(r.stdout).toMatch(/Now: not sent\. This cell writes \(a POST\).*--allow-writes/);
    expect(received.slice(before).filter((q) => q.method === 'POST')).toEqual([]);
    const allowed = await replay([write.case_id, '--profile', join(dir, 'faulty.json'), '--allow-writes']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/fresh Idempotency-Key/);
    expect(allowed.stdout).toMatch(/POST \/transfers -> 401 unauthorized/);
  }, 90_000);

  it('an unknown id is CLI_USAGE before any request, saying where finding ids are', async () => {
    const before = received.length;
    const r = await replay(['0000000000000000', '--profile', join(dir, 'faulty.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CLI_USAGE at replay 0000000000000000: no finding or cell with this id/);
    expect(r.stderr).toContain(report.failures[0]!.finding_id);
    expect(r.stderr).toMatch(/findings\[\]\.finding_id/);
    expect(received.length).toBe(before);
    const missing = await cli(['replay', 'x', '--report', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/REPORT_READ_FAILED/);
  }, 60_000);
});

describe('seqconform replay of a scenario', () => {
  it('re-sends every step of a multi-request cell and judges it again', async () => {
    const asc = await startMock({
      port: 0,
      seed: 5,
      parts: MUTANTS.find((m) => m.id === 'idempotency-ignored')!.parts,
    });
    try {
      writeFileSync(join(dir, 'asc.json'), JSON.stringify(asc.profile));
      const out = join(dir, 'asc');
      const run = await cli(['run', '--profile', join(dir, 'asc.json'), '--only', 'idempotent_replay', '--out', out]);
      expect(run.code, run.stderr).toBe(1);
      const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as typeof report;
      const f = rep.failures.find((x) => x.case_id.startsWith('s_'))!;
      expect(f).toBeDefined();
      const r = await cli([
        'replay',
        f.finding_id,
        '--profile',
        join(dir, 'asc.json'),
        '--allow-writes',
        '--report',
        join(out, 'report.json'),
      ]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      const steps = r.stdout.split('\nNow (')[1]!.match(/^ {2}POST \/(transfers|rules\/\w+\/trigger) -> \d{3}/gm) ?? [];
      expect(steps.length, r.stdout).toBeGreaterThan(1);
      expect(r.stdout).toContain(`Result: STILL DEVIATES: ${f.check} (${f.clause}) fires again`);
      for (const k of asc.profile.keys) expect((r.stdout + r.stderr).includes(k.secret)).toBe(false);
    } finally {
      await asc.close();
    }
  }, 120_000);
});

describe('seqconform replay without --profile', () => {
  it("starts the embedded mock with the report's seed and finds the same cell there", async () => {
    const out = join(dir, 'embedded');
    const run = await cli(['run', '--only', 'getCard', '--seed', '3', '--fuzz', '1', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as typeof report;
    const cell = rep.cases.find((c) => c.group === 'permissions')!;
    const r = await cli(['replay', cell.case_id, '--report', join(out, 'report.json')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Target now: embedded mock at http:\S+, seed 3; the report's: embedded mock/);
    expect(r.stdout).toMatch(/\n {2}GET \/cards\/card_\w+ -> \d{3}/);
    expect(r.stdout).toMatch(/Result: not reproduced: no finding on this cell now/);
  }, 120_000);
});
