/**
 * `seqconform plan-keys`: the keys to create. With --profile, the printed profile is the given one
 * (base_url, policy, keys and their secret references) plus the planned keys it lacks.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import type { KeySpec } from '../generators/profile.ts';
import { envName } from '../generators/profile.ts';
import { plannedProfile, type PlannedProfile } from '../generators/profile-plan.ts';
import { MisuseError } from '../openapi/errors.ts';
import { parseFlags } from './args.ts';

const FORMATS = ['table', 'yaml', 'json'] as const;

/** The `secret_env` each key of a profile file names (the file was validated already). */
function secretEnvOf(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const raw = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as { keys?: unknown };
  const out: Record<string, string> = {};
  for (const k of Array.isArray(raw.keys) ? raw.keys : [])
    if (k && typeof k.id === 'string' && typeof k.secret_env === 'string') out[k.id] = k.secret_env;
  return out;
}

function permissionsText(k: KeySpec): string {
  return (
    (k.revoked ? '(revoked) ' : '') +
    (k.permissions
      .map(
        (p) =>
          `${p.scope}${p.resources ? `[${p.resources.map((r) => (typeof r === 'string' ? r : `${r.source}->${r.target}${r.max_amount !== undefined ? `≤${r.max_amount}` : ''}`)).join(',')}]` : ''}`,
      )
      .join(' ') || '(none)')
  );
}

function table(keys: KeySpec[]): string {
  return [
    'key'.padEnd(18) + 'org'.padEnd(10) + 'permissions',
    ...keys.map((k) => k.id.padEnd(18) + k.org.padEnd(10) + permissionsText(k)),
  ].join('\n');
}

/** Runs `plan-keys`; returns the exit code. */
export async function planKeysCommand(argv: string[]): Promise<number> {
  const { flags } = parseFlags('plan-keys', argv, { profile: 'string', format: 'string' });
  const format = String(flags.format ?? 'table');
  if (!(FORMATS as readonly string[]).includes(format))
    throw new MisuseError(
      'CLI_USAGE',
      'plan-keys --format',
      `unknown format ${format}`,
      `valid: ${FORMATS.join(', ')}`,
    );
  const file = flags.profile ? String(flags.profile) : undefined;
  const { planFor } = await import('../suites/plan.ts');
  const { plan, coverage, inventoryOrgs, inventory, profile } = await planFor(file);
  let doc: PlannedProfile;
  let added: KeySpec[];
  let unreached: string[] = [];
  if (file) ({ profile: doc, added, unreached } = plannedProfile(profile, secretEnvOf(file), inventory));
  else {
    added = plan;
    doc = {
      // The embedded mock listens on a port of its own; `seqconform mock --port 4010` serves this one.
      base_url: 'http://127.0.0.1:4010/api/v1',
      mutations: 'denied-only',
      keys: plan.map((k) => ({
        id: k.id,
        secret_env: envName(k.id),
        org: k.org,
        ...(k.revoked ? { revoked: true as const } : {}),
        permissions: k.permissions,
      })),
    };
  }
  if (format === 'yaml') {
    console.log(toYaml(doc));
    return 0;
  }
  if (format === 'json') {
    console.log(JSON.stringify(doc, null, 2));
    return 0;
  }
  if (file) {
    const missing = (coverage ?? []).filter((c) => !c.covered);
    console.log(
      `Coverage of the profile's keys over ${inventoryOrgs.join(', ')}: ${(coverage ?? []).length - missing.length}/${(coverage ?? []).length} classes reached.`,
    );
    for (const m of missing) console.log(`  not reached: ${m.id} — ${m.description}`);
    console.log(
      added.length
        ? `\nCreate these ${added.length} keys:\n`
        : '\nThe profile reaches every class the plan can: no key to add.',
    );
    if (added.length) console.log(table(added));
    const orgs = new Set(profile.keys.map((k) => k.org));
    for (const k of added.filter((a) => !orgs.has(a.org)))
      console.log(
        `\n${k.id}: org "${k.org}" is a label for a second organization: create it in an organization none of the profile's keys belongs to (C-ORG cells need one).`,
      );
    if (unreached.length) console.log(`\nStill not reached with them: ${unreached.join(', ')}`);
  } else {
    console.log(
      `Key plan for ${inventoryOrgs.join(', ')} (${plan.length} keys): create these in the console, then fill in the profile below.\n`,
    );
    console.log(table(plan));
  }
  console.log(
    `\nProfile (each secret read from the environment variable it names, e.g. export ${doc.keys[0] ? doc.keys[0].secret_env : 'KEY_<ID>'}=…):\n\n${toYaml(doc)}`,
  );
  return 0;
}
