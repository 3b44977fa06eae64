/** The key plan of a target: discovered inventory → the smallest key set, and a profile's coverage. */
import { discoverInventory, type Inventory } from '../generators/inventory.ts';
import { coverage, planKeys, type CoverageRow } from '../generators/key-plan.ts';
import { loadProfile, parseProfile, type KeySpec, type Profile } from '../generators/profile.ts';
import { getContract } from '../openapi/load.ts';
import { fetcher, scopeKinds } from './target.ts';
import { createTransport } from './transport.ts';

/** Plans keys for the profile's target (or the embedded mock) and, with a profile, its coverage. */
export async function planFor(profileFile?: string): Promise<{
  plan: KeySpec[];
  coverage: CoverageRow[] | null;
  inventoryOrgs: string[];
  inventory: Inventory;
  profile: Profile;
}> {
  const contract = await getContract();
  let close = async () => {};
  let loaded;
  if (profileFile) loaded = loadProfile(profileFile, scopeKinds(contract));
  else {
    const { startMock } = await import('../mock/serve.ts');
    const mock = await startMock({ port: 0 });
    close = () => mock.close();
    loaded = parseProfile(mock.profile, scopeKinds(contract), {});
  }
  const t = createTransport({ baseUrl: loaded.profile.base_url, secrets: loaded.secrets, concurrency: 8 });
  try {
    const inventory = await discoverInventory(contract, loaded.profile, fetcher(t));
    return {
      plan: planKeys(inventory),
      coverage: profileFile ? coverage(loaded.profile.keys, inventory) : null,
      inventoryOrgs: inventory.orgs.map((o) => o.org),
      inventory,
      profile: loaded.profile,
    };
  } finally {
    await t.close();
    await close();
  }
}
