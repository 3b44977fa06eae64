/** Shape of the mutant list: ids, one part each, known clauses, and every mutant assembles and serves. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createApp, DEFAULT_PARTS, PART_NAMES } from '../app.ts';
import { startMock } from '../serve.ts';
import { MUTANTS } from './index.ts';
import { handlerHash } from './route-source.ts';
import { SURVIVORS } from './survivors.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
// CI clones the repo with shared/ beside it; this checkout has it at /work/shared.
const CONTRACT =
  [
    new URL('../../../shared/reference/contract.md', import.meta.url).pathname,
    '/work/shared/reference/contract.md',
  ].find((f) => existsSync(f)) ?? '/work/shared/reference/contract.md';
/** The numbered clauses of the contract (C-SHAPE has none). */
const CLAUSES = new Set([
  'C-BASE-1',
  'C-BASE-2',
  'C-AUTH-1',
  'C-AUTH-2',
  'C-AUTH-3',
  'C-PERM-1',
  'C-PERM-2',
  'C-PERM-2b',
  'C-PERM-3',
  'C-PERM-4',
  'C-PERM-5',
  'C-PERM-6',
  'C-PERM-7',
  'C-PERM-8',
  'C-ORG-1',
  'C-ORG-2',
  'C-VAL-1',
  'C-VAL-2',
  'C-VAL-3',
  'C-VAL-4',
  'C-FOUND-1',
  'C-FOUND-2',
  'C-STATE-1',
  'C-STATE-2',
  'C-STATE-3',
  'C-STATE-4',
  'C-REQID-1',
  'C-REQID-2',
  'C-REQID-3',
  'C-REQID-4',
  'C-BODY-1',
  'C-BODY-2',
  'C-BODY-3',
  'C-LIST-1',
  'C-LIST-2',
  'C-LIST-3',
  'C-RATE-1',
]);

describe('mutant list', () => {
  it('has at least 32 mutants with unique kebab-case ids, one file each', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(32);
    const ids = MUTANTS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const files = readdirSync(HERE).filter(
      (f) =>
        f.endsWith('.ts') &&
        !['index.ts', 'define.ts', 'mutants.test.ts', 'survivors.ts', 'route-source.ts'].includes(f),
    );
    // Surviving mutants (survivors.ts) live here too, one file each, but are not in the gate.
    const all = [...ids, ...SURVIVORS.map((m) => m.id)];
    expect(new Set(all).size).toBe(all.length);
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual(all.sort());
  });

  it('a mutant that copies a route handler names it and the hash of the original; the original has not changed since', () => {
    for (const m of [...MUTANTS, ...SURVIVORS]) {
      const text = readFileSync(join(HERE, `${m.id}.ts`), 'utf8');
      // A whole handler written out (not a wrapper calling the original) is a copy, and must say so.
      const copied = /^ {6}\w+\(ctx\) \{$/m.test(text) && /\.\.\.\w+Router,/.test(text);
      if (copied)
        expect(m.copies, `${m.id}: copies a route handler; declare copies: { file, handler, sha }`).toBeDefined();
      if (!m.copies) continue;
      const now = handlerHash(m.copies.file, m.copies.handler);
      expect(
        now,
        `mock/${m.copies.file} ${m.copies.handler} changed since ${m.id} copied it: carry the change into the mutant's copy, then set its sha to ${now}`,
      ).toBe(m.copies.sha);
    }
  });

  it('each replaces exactly one known part with something other than the default', () => {
    for (const m of [...MUTANTS, ...SURVIVORS]) {
      expect(Object.keys(m.parts), m.id).toEqual([m.replaces]);
      expect(PART_NAMES, m.id).toContain(m.replaces);
      expect(m.parts[m.replaces], m.id).toBeDefined();
      expect(m.parts[m.replaces], m.id).not.toBe(DEFAULT_PARTS[m.replaces]);
      expect(m.description.length, m.id).toBeGreaterThan(10);
    }
  });

  it('declares clause ids that exist in the contract', () => {
    const known = new Set(CLAUSES);
    // Cross-check with the contract itself when it is at hand.
    if (existsSync(CONTRACT)) {
      const defined = new Set(
        [...readFileSync(CONTRACT, 'utf8').matchAll(/^- (C-[A-Z]+-\d+[a-z]?):/gm)].map((m) => m[1] as string),
      );
      expect([...known].sort()).toEqual([...defined].sort());
    }
    for (const m of [...MUTANTS, ...SURVIVORS]) {
      expect(m.clauses.length, m.id).toBeGreaterThan(0);
      for (const c of m.clauses) {
        expect(c, m.id).toMatch(/^C-[A-Z]+-\d+[a-z]?$/);
        expect(known.has(c), `${m.id}: ${c}`).toBe(true);
      }
    }
  });

  it('createApp accepts each mutant', () => {
    for (const m of [...MUTANTS, ...SURVIVORS]) {
      const app = createApp(m.parts, { seed: 1 });
      expect(app.parts[m.replaces], m.id).toBe(m.parts[m.replaces]);
      app.dispose();
    }
  });

  it('each mutant serves GET /accounts without a 5xx', async () => {
    for (const m of [...MUTANTS, ...SURVIVORS]) {
      const mock = await startMock({ port: 0, seed: 1, parts: m.parts });
      try {
        const key = mock.profile.keys.find((k) => k.id === 'main-full');
        expect(key, 'default key main-full').toBeDefined();
        const res = await fetch(`${mock.baseUrl}/accounts`, { headers: { authorization: `ApiKey ${key!.secret}` } });
        await res.text();
        expect(res.status, m.id).toBeLessThan(500);
      } finally {
        await mock.close();
      }
    }
  });
});
