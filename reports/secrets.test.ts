import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envName, SecretStore } from '../generators/profile.ts';
import { writeShardResults } from './merge.ts';
import { buildReport } from './model.ts';
import { findingOn, makeMeta, makeResult, withFindings } from './test-fixtures.ts';
import { writeReports } from './write.ts';

const SECRETS: Record<string, string> = {
  'full-org1': 'sk_test_full1_Zq8Xv3Lm9Pw2Rt7Yb4Nc',
  'one-org1': 'sk_test_one1_Hd6Jk1Ms5Qa8Ue3Wf0Gp',
  'full-org2': 'sk_test_full2_Tb2Vc7Xn4Ly9Kr6Ej1Sd',
};

function run(store: SecretStore) {
  const results = Object.keys(SECRETS).map((keyId, i) => {
    const r = makeResult({
      case_id: `s${i}`,
      key_id: keyId,
      expected: { status: 403, code: 'forbidden', clause: 'C-PERM-4', because: 'outside the list', level: 'must' },
      actual: { status: 200, code: null },
    });
    return withFindings(r, [
      findingOn(r, {
        message: store.redact(`sent Authorization: ApiKey ${store.get(keyId)}; expected 403, got 200`),
        actual: store.redact(`{"echo":"${store.get(keyId)}"}`),
      }),
    ]);
  });
  return { meta: makeMeta(), results };
}

describe('no secret leaves in a report', () => {
  const store = new SecretStore();
  for (const [id, s] of Object.entries(SECRETS)) store.set(id, s);

  it('renders all four files and results.json without any known secret value', () => {
    const { meta, results } = run(store);
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-leak-'));
    writeReports(dir, buildReport(meta, results), { redactor: store.redactor });
    writeShardResults(dir, meta, results);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md', 'results.json']);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const secret of store.values()) expect(text.includes(secret), `${f} holds a secret`).toBe(false);
    }
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    for (const id of Object.keys(SECRETS)) expect(json).toContain(`$${envName(id)}`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('ApiKey $KEY_ONE_ORG1');
  });

  it('a report whose findings were not redacted is still written: masked, and it says which key, how many places, which field', () => {
    const { meta, results } = run(new SecretStore());
    const r = results[0]!;
    const leaky = [
      withFindings(r, [
        findingOn(r, {
          message: `ApiKey ${SECRETS['full-org1']}`,
          actual: { code: `unauthorized ${SECRETS['full-org1']!.slice(0, -1)}` },
        }),
      ]),
    ];
    const dir = join(mkdtempSync(join(tmpdir(), 'seqconform-leak-')), 'out');
    const written = writeReports(dir, buildReport(meta, leaky), { redactor: store.redactor });
    expect(written.masked.map((m) => `${m.key_id} ${m.field}`)).toEqual(
      expect.arrayContaining(['full-org1 failures[].message', 'full-org1 failures[].actual.code']),
    );
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (let i = 0; i + 8 <= SECRETS['full-org1']!.length; i++)
        expect(text.includes(SECRETS['full-org1']!.slice(i, i + 8)), `${f} holds a fragment`).toBe(false);
    }
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.observations).toEqual([
      expect.objectContaining({ kind: 'masked_at_write', key_id: 'full-org1', places: expect.any(Number) }),
    ]);
    expect(report.observations[0].places).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/## Observations[\s\S]*full-org1/);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('an escaped form of a key in a result that was not redacted reaches no file: \\x, \\u, character references, %25, separated hex', () => {
    const secret = SECRETS['one-org1']!;
    const hex = Buffer.from(secret).toString('hex');
    const forms = {
      x: hex.replace(/(..)/g, '\\x$1'),
      u: [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      html: [...secret].map((c) => `&#${c.charCodeAt(0)};`).join(''),
      percent: hex.replace(/(..)/g, '%25$1'),
      hex: hex.replace(/(..)(?!$)/g, '$1:'),
    };
    for (const [name, form] of Object.entries(forms)) {
      const { meta, results } = run(new SecretStore());
      const r = results[0]!;
      const leaky = [withFindings(r, [findingOn(r, { message: `echo ${form}` })])];
      const dir = mkdtempSync(join(tmpdir(), 'seqconform-leak-'));
      writeReports(dir, buildReport(meta, leaky), { redactor: store.redactor });
      writeShardResults(dir, meta, leaky, { redactor: store.redactor });
      for (const f of readdirSync(dir)) {
        const text = readFileSync(join(dir, f), 'utf8');
        // As written, and as a JSON string holds it (its backslashes doubled).
        for (const held of [form, JSON.stringify(form).slice(1, -1)])
          expect(text.includes(held.slice(0, 40)), `${f} holds the ${name} form`).toBe(false);
      }
    }
  });

  it('results.json of results that were not redacted is masked too, and clean results are written as they are', () => {
    const { meta, results } = run(new SecretStore());
    const r = results[0]!;
    const leaky = [withFindings(r, [findingOn(r, { message: `ApiKey ${SECRETS['one-org1']}` })])];
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-leak-'));
    writeShardResults(dir, meta, leaky, { redactor: store.redactor });
    const text = readFileSync(join(dir, 'results.json'), 'utf8');
    for (let i = 0; i + 8 <= SECRETS['one-org1']!.length; i++)
      expect(text.includes(SECRETS['one-org1']!.slice(i, i + 8)), 'results.json holds a fragment').toBe(false);
    expect(text).toContain('ApiKey $KEY_ONE_ORG1');
    const clean = run(store);
    writeShardResults(dir, clean.meta, clean.results, { redactor: store.redactor });
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(
      `${JSON.stringify({ meta: clean.meta, results: clean.results })}\n`,
    );
  });
});
