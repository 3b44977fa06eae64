import { describe, expect, it } from 'vitest';
import { coverageClasses, planKeys } from './key-plan.ts';
import { keysToAdd, plannedProfile } from './profile-plan.ts';
import type { Profile } from './profile.ts';
import { syntheticInventory } from './test-inventory.ts';

const two = syntheticInventory();
const one = { orgs: two.orgs.slice(0, 1) };
const main = one.orgs[0]!.org;
const full = planKeys(one).find((k) => k.id === `full-${main}`)!;

describe('plan-keys with a profile', () => {
  it('keeps base_url, policy and keys with their secret references; adds a second organization', () => {
    const profile: Profile = {
      base_url: 'https://staging.example.com/api/v1',
      mutations: undefined,
      keys: [
        { ...full, id: 'ci-full' },
        { id: 'ci-inline', org: main, revoked: false, permissions: [] },
      ],
    };
    const { profile: out, added, unreached } = plannedProfile(profile, { 'ci-full': 'MY_CI_SECRET' }, one);
    expect(out.base_url).toBe(profile.base_url);
    expect(out.mutations).toBe('denied-only');
    expect(out.keys.slice(0, 2)).toEqual([
      { id: 'ci-full', secret_env: 'MY_CI_SECRET', org: main, permissions: full.permissions },
      // Given with an inline secret: printed as an environment reference, never the value.
      { id: 'ci-inline', secret_env: 'KEY_CI_INLINE', org: main, permissions: [] },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/"secret"/);
    const second = added.filter((k) => k.org !== main);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ id: 'full-other', org: 'other', revoked: false });
    expect(second[0]!.permissions).toEqual(full.permissions);
    // A key without permissions exists already: none is added; together they reach every class.
    expect(added.map((k) => k.id)).not.toContain(`none-${main}`);
    expect(unreached).toEqual([]);
  });

  it('adds nothing to a profile that already reaches every class, and renames planned ids that are taken', () => {
    const plan = planKeys(two);
    expect(keysToAdd(plan, two)).toEqual([]);
    // A key named like the planned key without permissions, but holding every permission.
    const taken = plan.filter((k) => !k.id.startsWith('none-')).concat([{ ...full, id: `none-${main}` }]);
    const added = keysToAdd(taken, two);
    expect(added.map((k) => [k.id, k.permissions])).toEqual([[`none-${main}-2`, []]]);
  });

  it('picks an unused label for the second organization', () => {
    const keys = [{ ...full, org: 'other' }];
    const added = keysToAdd(keys, { orgs: [{ ...one.orgs[0]!, org: 'other' }] });
    expect(added.find((k) => k.id.startsWith('full-'))?.org).toBe('other-2');
    expect(coverageClasses().length).toBeGreaterThan(30);
  });
});
