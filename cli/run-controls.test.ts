import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './test-helpers.ts';
import { MUTANTS } from '../mock/mutants/index.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';
import { SELECTOR_KINDS } from '../suites/selector-kinds.ts';

let mock: RunningMock;
let faulty: RunningMock;
let dir: string;
const requests: Array<{ method: string; url: string }> = [];

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 4 });
  mock.server.on('request', (req) => requests.push({ method: req.method ?? '', url: req.url ?? '' }));
  faulty = await startMock({ port: 0, seed: 5, parts: MUTANTS.find((m) => m.id === 'bola-get-card')!.parts });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-controls-'));
  const { mutations: _m, ...profile } = mock.profile;
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
  writeFileSync(join(dir, 'faulty.json'), JSON.stringify(faulty.profile));
});
afterAll(async () => {
  await mock?.close();
  await faulty?.close();
});

/** Runs the CLI and returns what the mock received meanwhile. */
async function counted(args: string[]) {
  const from = requests.length;
  const r = await cli(args);
  return { ...r, received: requests.slice(from) };
}

/** Requests the run sent before discovery: the anonymous probe and one per live key. */
const probes = () => 1 + mock.profile.keys.filter((k) => !k.revoked).length;

describe('run --dry-run', () => {
  it('lists the selected cells after discovery and sends no conformance request', async () => {
    const out = join(dir, 'dry');
    const r = await counted([
      'run',
      '--profile',
      join(dir, 'profile.json'),
      '--only',
      'getCard,C-PERM-7.1',
      '--dry-run',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const discovered = Number(/\[discovery\] (\d+) requests/.exec(r.stderr)?.[1]);
    expect(discovered).toBeGreaterThan(10);
    // Exactly the probes and discovery: not one request more, and no write.
    expect(r.received.length).toBe(probes() + discovered);
    expect(r.received.filter((q) => q.method !== 'GET')).toEqual([]);
    const [head, columns, ...rows] = r.stdout.trim().split('\n');
    expect(head).toMatch(/^(\d+) cells selected against .* \(dry run/);
    expect(Number(/^(\d+)/.exec(head!)?.[1])).toBe(rows.length);
    expect(columns).toBe('id\tgroup\toperation\tkey\texpected\tclause');
    for (const row of rows) expect(row).toMatch(/\tgetCard\t|\tscenario denied_write\t/);
    expect(rows.some((x) => /^c_\w+\tpermissions\tgetCard\t[\w-]+\t403 forbidden\tC-PERM-5$/.test(x))).toBe(true);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('--format json: every cell, with its expected status, code and clause', async () => {
    const r = await cli([
      'run',
      '--profile',
      join(dir, 'profile.json'),
      '--only',
      'C-PERM-5',
      '--dry-run',
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      selected: number;
      cells: Array<{ clause: string; expected_status: number }>;
    };
    expect(plan.cells.length).toBe(plan.selected);
    expect(plan.cells.filter((c) => c.clause === 'C-PERM-5' && c.expected_status === 403).length).toBeGreaterThan(10);
  }, 60_000);
});

describe('run --only with no match', () => {
  it('is CLI_USAGE with exit 2, listing the selector kinds with examples, and sends no conformance request', async () => {
    const r = await counted([
      'run',
      '--profile',
      join(dir, 'profile.json'),
      '--only',
      'C-PREM-5',
      '--out',
      join(dir, 'never'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CLI_USAGE at --only C-PREM-5: C-PREM-5 \(read as a text\) matches no cell/);
    for (const k of SELECTOR_KINDS) expect(r.stderr).toContain(`${k.kind} e.g. ${k.example}`);
    const discovered = Number(/\[discovery\] (\d+) requests/.exec(r.stderr)?.[1]);
    expect(r.received.length).toBe(probes() + discovered);
    expect(existsSync(join(dir, 'never', 'report.json'))).toBe(false);
  }, 60_000);
});

describe('run --max-failures', () => {
  it('stops sending after N failed cells: the rest are not sent with why, the report says so, exit 1', async () => {
    const out = join(dir, 'stop');
    const r = await cli([
      'run',
      '--profile',
      join(dir, 'faulty.json'),
      '--only',
      'getCard',
      '--max-failures',
      '1',
      '--concurrency',
      '1',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.stopped).toBe('stopped after 1 failure (--max-failures)');
    expect(report.summary.failed).toBe(1);
    expect(report.summary.not_sent).toBeGreaterThan(10);
    const notSent = report.cases.filter((c: { verdict: string }) => c.verdict === 'not_sent');
    expect(notSent.length).toBe(report.summary.not_sent);
    for (const c of notSent) expect(c.not_sent).toBe('stopped after 1 failure (--max-failures)');
    expect(report.accounting.ok).toBe(true);
  }, 90_000);

  it('refuses values that are not a whole number of at least 1, and flags that do not go together', async () => {
    for (const bad of [
      ['--max-failures', '0'],
      ['--max-failures', '1.5'],
      ['--max-failures', 'x'],
      ['--format', 'json'],
      ['--dry-run', '--format', 'xml'],
      ['--dry-run', '--max-failures', '2'],
      ['--only', ' , '],
    ]) {
      const r = await cli(['run', '--profile', join(dir, 'profile.json'), ...bad]);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/CLI_USAGE at run --/);
    }
  }, 60_000);
});
