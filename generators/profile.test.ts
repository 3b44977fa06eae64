import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isMisuse, type MisuseCode } from '../openapi/errors.ts';
import { loadProfile, parseProfile, type ScopeResourceKinds } from './profile.ts';

const scopes: ScopeResourceKinds = {
  LIST_ACCOUNTS: 'none',
  READ_ACCOUNTS: 'ids',
  LIST_RULES: 'none',
  READ_RULES: 'ids',
  TRIGGER_RULES: 'ids',
  READ_RULE_EXECUTIONS: 'ids',
  READ_TRANSFERS: 'ids',
  MANUAL_TRANSFER: 'pairs',
  READ_CARDS: 'ids',
};
const good = () => ({
  base_url: 'http://127.0.0.1:4010/api/v1',
  mutations: 'denied-only',
  keys: [
    {
      id: 'cards-b',
      secret: 's3cr3t-value-1',
      org: 'main',
      permissions: [
        { scope: 'READ_CARDS', resources: ['acc_1'] },
        { scope: 'MANUAL_TRANSFER', resources: [{ source: 'acc_1', target: '*', max_amount: 5000 }] },
        { scope: 'LIST_ACCOUNTS' },
      ],
    },
    { id: 'env-key', secret_env: 'SEQ_KEY_ENV', org: 'other', revoked: true, permissions: [] },
  ],
});

describe('profile', () => {
  it('loads a valid profile and keeps secrets out of every serializable value', () => {
    const { profile, secrets } = parseProfile(good(), scopes, { SEQ_KEY_ENV: 'from-env-secret' });
    expect(profile.keys.map((k) => k.id)).toEqual(['cards-b', 'env-key']);
    expect(profile.keys[1]).toMatchObject({ org: 'other', revoked: true });
    expect(secrets.get('env-key')).toBe('from-env-secret');
    const dump = JSON.stringify({ profile, secrets }) + inspect({ profile, secrets }, { depth: 9 });
    expect(dump).not.toContain('s3cr3t-value-1');
    expect(dump).not.toContain('from-env-secret');
    expect(secrets.redact('curl -H "Authorization: ApiKey s3cr3t-value-1"')).toBe(
      'curl -H "Authorization: ApiKey $KEY_CARDS_B"',
    );
  });

  const broken: Array<[string, (p: ReturnType<typeof good>) => unknown, MisuseCode, string]> = [
    [
      'unknown scope',
      (p) => {
        p.keys[0]!.permissions[0]!.scope = 'READ_EVERYTHING';
        return p;
      },
      'PROFILE_UNKNOWN_SCOPE',
      'cards-b',
    ],
    [
      'resources on a LIST scope',
      (p) => {
        (p.keys[0]!.permissions[2] as Record<string, unknown>).resources = ['acc_1'];
        return p;
      },
      'PROFILE_RESOURCES_ON_LIST_SCOPE',
      'cards-b',
    ],
    [
      'MANUAL_TRANSFER without target',
      (p) => {
        p.keys[0]!.permissions[1]!.resources = [{ source: 'acc_1' }] as never;
        return p;
      },
      'PROFILE_BAD_TRANSFER_ENTRY',
      'cards-b',
    ],
    [
      'negative max_amount',
      (p) => {
        p.keys[0]!.permissions[1]!.resources = [{ source: 'acc_1', target: '*', max_amount: -1 }];
        return p;
      },
      'PROFILE_BAD_TRANSFER_ENTRY',
      'max_amount',
    ],
    [
      'READ scope without resources',
      (p) => {
        delete (p.keys[0]!.permissions[0] as Record<string, unknown>).resources;
        return p;
      },
      'PROFILE_BAD_RESOURCES',
      'cards-b',
    ],
    [
      'duplicate key ids',
      (p) => {
        p.keys[1]!.id = 'cards-b';
        return p;
      },
      'PROFILE_DUPLICATE_KEY_ID',
      'cards-b',
    ],
    [
      'missing env var',
      (p) => {
        p.keys[1]!.secret_env = 'NOT_SET_ANYWHERE_123';
        return p;
      },
      'PROFILE_MISSING_ENV',
      'env-key',
    ],
    [
      'no secret at all',
      (p) => {
        delete (p.keys[0] as Record<string, unknown>).secret;
        return p;
      },
      'PROFILE_MISSING_SECRET',
      'cards-b',
    ],
    [
      'bad base_url',
      (p) => {
        p.base_url = 'localhost:4010';
        return p;
      },
      'PROFILE_INVALID',
      'base_url',
    ],
    [
      'bad mutations',
      (p) => {
        p.mutations = 'some';
        return p;
      },
      'PROFILE_INVALID',
      'mutations',
    ],
    ['unknown top-level field', (p) => ({ ...p, keyz: [] }), 'PROFILE_INVALID', 'keyz'],
    ['no keys', (p) => ({ ...p, keys: [] }), 'PROFILE_INVALID', 'keys'],
  ];
  it.each(broken)('rejects %s with its code, naming the key or field', (_n, mutate, code, where) => {
    let err: unknown;
    try {
      parseProfile(mutate(good()), scopes, { SEQ_KEY_ENV: 'x' });
    } catch (e) {
      err = e;
    }
    expect(isMisuse(err, code)).toBe(true);
    expect((err as Error).message).toContain(where);
    expect((err as Error).message).not.toContain('s3cr3t-value-1');
  });

  it('reads YAML and JSON files, and reports unreadable ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify(good()));
    writeFileSync(
      join(dir, 'p.yaml'),
      'base_url: http://127.0.0.1:1/api/v1\nkeys:\n  - id: a\n    secret: "x"\n    permissions:\n      - scope: LIST_RULES\n',
    );
    writeFileSync(join(dir, 'bad.yaml'), 'keys: [unclosed');
    expect(loadProfile(join(dir, 'p.json'), scopes, { SEQ_KEY_ENV: 'x' }).profile.keys).toHaveLength(2);
    expect(loadProfile(join(dir, 'p.yaml'), scopes).profile.keys[0]).toMatchObject({ id: 'a', org: 'default' });
    expect(() => loadProfile(join(dir, 'bad.yaml'), scopes)).toThrow(/PROFILE_READ_FAILED/);
    expect(() => loadProfile(join(dir, 'nope.yaml'), scopes)).toThrow(/PROFILE_READ_FAILED/);
  });
});

describe('profile errors never quote the profile', () => {
  it('a JSON profile that does not parse: the line and column, not the text around them (it may hold a secret)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-prof-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      '{\n  "base_url": "http://x/api/v1",\n  "keys": [{ "id": "k", "secret": sk_live_9fQ2w3E4r5T6 }]\n}\n',
    );
    let message = '';
    try {
      loadProfile(file, scopes, {});
    } catch (e) {
      expect(isMisuse(e, 'PROFILE_READ_FAILED')).toBe(true);
      message = (e as Error).message;
    }
    expect(message).toMatch(/not valid JSON( \(at line \d+, column \d+\))?$/);
    expect(message).not.toMatch(/sk_live|9fQ2/);
  });

  it('two keys with one secret: PROFILE_DUPLICATE_SECRET, naming the keys, not the secret', () => {
    const p = {
      base_url: 'http://127.0.0.1:1/api/v1',
      keys: [
        { id: 'a', secret: 'sk_same_secret_000001' },
        { id: 'b', secret: 'sk_same_secret_000001' },
      ],
    };
    let message = '';
    try {
      parseProfile(p, scopes, {});
    } catch (e) {
      expect(isMisuse(e, 'PROFILE_DUPLICATE_SECRET')).toBe(true);
      message = (e as Error).message;
    }
    expect(message).toMatch(/key b has the same secret as key a/);
    expect(message).not.toMatch(/sk_same/);
  });
});
