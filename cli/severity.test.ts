/**
 * Severity first, end to end: against a server with a card leak (one key reads a card it must not
 * see) and a request-id bug on every error (hundreds of findings), the terminal's first failure is
 * the leak, and the request-id bug is one cause across its operations, not a group per operation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bolaGetCard from '../mock/mutants/bola-get-card.ts';
import requestIdNotEchoedOnErrors from '../mock/mutants/request-id-not-echoed-on-errors.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';
import type { ComplianceReport } from '../reports/model.ts';
import { cli } from './test-helpers.ts';

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock({
    port: 0,
    seed: 5,
    parts: { ...bolaGetCard.parts, ...requestIdNotEchoedOnErrors.parts },
  });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-severity-'));
});
afterAll(async () => mock.close());

describe('a card leak and a request-id bug', () => {
  it('prints the leak first and the request-id bug as one cause', async () => {
    const profile = join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify(mock.profile));
    const r = await cli(['run', '--profile', profile, '--fuzz', '0', '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Failures, most serious first:');
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toMatch(/^ {2}C-PERM-5 status_matches_oracle \[EXPOSED\] on getCard x\d+:/);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as ComplianceReport;
    const reqid = report.causes.filter((c) => c.clause === 'C-REQID-1' && c.check === 'request_id_echo');
    expect(reqid.length).toBeGreaterThan(0);
    expect(Math.max(...reqid.map((c) => c.operations.length))).toBeGreaterThan(5);
    expect(report.findings.length).toBeGreaterThan(report.causes.length);
    const md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    const firstRow = md.split('\n').find((l) => l.startsWith('| Authorization and isolation'));
    expect(firstRow).toMatch(/C-PERM-5/);
  }, 180_000);
});
