/**
 * The README's example profile, as written: valid, accepted by `plan-keys` (which prints it back
 * with its base_url and keys and adds only what it lacks), and run against the mock once its keys
 * exist there (the mock plays staging; only base_url is swapped for the mock's address).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { parseProfile, type PermissionEntry } from '../generators/profile.ts';
import { getContract } from '../openapi/load.ts';
import { startMock, type RunningMock } from '../mock/serve.ts';
import { scopeKinds } from '../suites/target.ts';
import { cli, ROOT } from './test-helpers.ts';

/** The README's example profile block: the YAML block that has base_url and keys. */
function readmeProfile(): string {
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    (m) => m[1]!,
  );
  const profile = blocks.filter((b) => /^base_url:/m.test(b) && /^keys:/m.test(b));
  expect(profile).toHaveLength(1);
  return profile[0]!;
}

let mock: RunningMock;
let dir: string;
let file: string;
const env: Record<string, string> = {};
let raw: { base_url: string; keys: Array<{ id: string; org: string; secret_env: string; permissions: unknown }> };

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-readme-'));
  const text = readmeProfile();
  raw = parseYaml(text);
  // Create its keys on the target, as a user would in the console, and export their secrets.
  for (const k of raw.keys) {
    const { secret } = mock.admin.provisionKey({
      id: k.id,
      org: k.org,
      permissions: k.permissions as PermissionEntry[],
    });
    env[k.secret_env] = secret;
  }
  file = join(dir, 'staging.yaml');
  writeFileSync(file, text.replace(raw.base_url, mock.baseUrl));
});
afterAll(async () => {
  await mock?.close();
});

describe("the README's example profile", () => {
  it('is a valid profile with a key that sees everything in each of two organizations', async () => {
    const { profile } = parseProfile(raw, scopeKinds(await getContract()), env);
    expect(profile.base_url).toBe('https://staging.example.com/api/v1');
    expect(new Set(profile.keys.map((k) => k.org))).toEqual(new Set(['main', 'other']));
    for (const org of ['main', 'other'])
      expect(
        profile.keys.find((k) => k.org === org && k.permissions.length === 9),
        org,
      ).toBeDefined();
  });

  it('plan-keys keeps its base_url and keys, prints no secret, and adds only keys it lacks', async () => {
    const r = await cli(['plan-keys', '--profile', file, '--format', 'yaml'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = parseYaml(r.stdout) as {
      base_url: string;
      keys: Array<{ id: string; org: string; secret_env: string }>;
    };
    expect(out.base_url).toBe(mock.baseUrl);
    expect(out.keys.slice(0, 3).map((k) => [k.id, k.org, k.secret_env])).toEqual(
      raw.keys.map((k) => [k.id, k.org, k.secret_env]),
    );
    const added = out.keys.slice(3).map((k) => k.id);
    expect(added).toEqual(expect.arrayContaining(['one-main', 'union-main', 'revoked-main']));
    // It has a second organization and a key without permissions already.
    expect(added.filter((id) => id.startsWith('full-') || id.startsWith('none-'))).toEqual([]);
    for (const secret of Object.values(env)) expect(r.stdout + r.stderr).not.toContain(secret);
    // What it prints is itself a profile.
    const again = join(dir, 'planned.yaml');
    writeFileSync(again, toYaml(out));
    expect(
      (
        await cli(['plan-keys', '--profile', again, '--format', 'json'], {
          ...env,
          ...Object.fromEntries(
            added.map((id) => [`KEY_${id.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`, `sk_unused_${id}`]),
          ),
        })
      ).code,
    ).toBe(0);
  }, 180_000);

  it('runs as written against the target: every cell judged, exit 0', async () => {
    const r = await cli(['run', '--profile', file, '--out', join(dir, 'out'), '--only', 'getCard,listAccounts'], env);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.summary.cases).toBeGreaterThan(50);
    expect(report.coverage.inventory.orgs.map((o: { org: string }) => o.org).sort()).toEqual(['main', 'other']);
    // Both organizations were discovered, so cross-organization cells ran.
    expect(report.cases.some((c: { clause: string }) => c.clause?.startsWith('C-ORG'))).toBe(true);
  }, 180_000);
});
