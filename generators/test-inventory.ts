/** A small synthetic inventory of two organizations, for the generators' own tests. */
import type { Inventory, Item, OrgInventory } from './inventory.ts';

/** Builds an inventory with `n` of each resource per organization (`tag` and `nOther` vary the other organization). */
export function syntheticInventory(nMain = 3, tag = 'B', nOther = nMain): Inventory {
  const org = (label: string, p: string, n: number): OrgInventory => {
    const t = (i: number) => `2024-0${1 + (i % 9)}-1${i % 10}T10:00:0${i % 10}Z`;
    const accounts: Item[] = Array.from({ length: n + 1 }, (_, i) => ({
      id: `acc_${p}${i}`,
      type: i === n ? 'external_account' : 'pod',
      can_be_source: i !== n,
      can_be_destination: true,
      name: `Account ${p}${i}`,
      created_at: t(i),
    }));
    const rules: Item[] = Array.from({ length: n }, (_, i) => ({
      id: `rule_${p}${i}`,
      status: i === 1 ? 'disabled' : 'enabled',
      trigger_type: i === 2 ? 'SCHEDULED' : 'MANUAL',
      source: { id: `acc_${p}0` },
      created_at: t(i),
    }));
    const executions: Item[] = Array.from({ length: n * 2 }, (_, i) => ({
      id: `rex_${p}${i}`,
      rule_id: `rule_${p}${i % n}`,
      status: i % 2 === 0 ? 'executed' : 'in_progress',
      created_at: t(i),
    }));
    const transfers: Item[] = Array.from({ length: n * 2 }, (_, i) => ({
      id: `txr_${p}${i}`,
      source: { id: `acc_${p}${i % n}` },
      destination: { id: `acc_${p}${(i + 1) % n}` },
      amount_in_cents: 100 + i,
      created_at: t(i),
    }));
    const cards: Item[] = Array.from({ length: n }, (_, i) => ({
      id: `card_${p}${i}`,
      account_id: `acc_${p}${i}`,
      status: 'active',
      created_at: t(i),
    }));
    const cardTransactions: Item[] = Array.from({ length: n }, (_, i) => ({
      id: `ctx_${p}${i}`,
      card_id: `card_${p}${i}`,
      created_at: t(i),
    }));
    return { org: label, keyId: `full-${label}`, accounts, rules, executions, transfers, cards, cardTransactions };
  };
  const orgs = [org('main', 'A', nMain), org('other', tag, nOther)];
  const owners: Record<string, string> = {};
  for (const o of orgs)
    for (const l of [o.accounts, o.rules, o.executions, o.transfers, o.cards, o.cardTransactions])
      for (const i of l) owners[i.id] = o.org;
  return {
    started_at: '2025-01-01T00:00:00Z',
    orgs,
    owners,
    undiscovered: [],
    problems: [],
    findings: [],
    failures: [],
    steps: [],
  };
}
