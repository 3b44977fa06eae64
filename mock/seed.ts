/**
 * Deterministic seed data: two organizations (`main`, `other`) with accounts of every type,
 * cards of every status, transfers across directions, origins and statuses, rules of every
 * trigger type with their executions, and card transactions. Same `seed` and `scale`, same
 * data, byte for byte.
 */
import { createIdGenerator, createRng, formatTime, type Rng } from './prng.ts';
import type { AccountRec, AccountType, CardRec, CardTxnRec, ExecutionRec, RuleRec, TransferRec } from './types.ts';

/** Everything one organization holds at start. */
export interface OrgSeed {
  label: string;
  accounts: AccountRec[];
  rules: RuleRec[];
  executions: ExecutionRec[];
  transfers: TransferRec[];
  cards: CardRec[];
  cardTransactions: CardTxnRec[];
  /** Named accounts and rules the default keys and the tests refer to. */
  named: SeedNames;
}

/** Well-known resources of an organization. */
export interface SeedNames {
  /** Income source with the most transfers (spans several pages of 10). */
  income: string;
  income2: string;
  pods: string[];
  /** A pod with no cards and no transfers. */
  emptyPod: string;
  /** External depository account (can be a source). */
  external: string;
  /** External LIABILITY account, `can_be_source: false`. */
  liability: string;
  /** Enabled ON_FUNDS_TRANSFERRED rule with many executions. */
  busyRule: string;
  manualRule: string;
  disabledManualRule: string;
  scheduledRule: string;
  disabledRule: string;
  /** Card with many transactions. */
  busyCard: string;
}

/** Seed output for both organizations. */
export interface SeedData {
  orgs: OrgSeed[];
}

/** Options of {@link generateSeed}. */
export interface SeedOptions {
  seed?: number;
  /** Multiplies the counts of accounts, cards, transfers, executions and card transactions. */
  scale?: number;
}

const BASE_MS = Date.UTC(2024, 0, 1, 8, 0, 0);

/** Builds the seed data. Pure: no clock, no Math.random. */
export function generateSeed(options: SeedOptions = {}): SeedData {
  const seed = options.seed ?? 1;
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const rng = createRng(seed);
  const newId = createIdGenerator(createRng(seed ^ 0x2545f491), '01H');
  let clock = BASE_MS;
  const tick = (): number => {
    clock += rng.int(1, 90) * 60_000;
    return clock;
  };
  const orgs = ['main', 'other'].map((label) => seedOrg(label, scale, rng, newId, tick));
  return { orgs };
}

function seedOrg(label: string, scale: number, rng: Rng, newId: (p: string) => string, tick: () => number): OrgSeed {
  const who = label === 'main' ? 'John Smith' : 'Ada Lovelace';
  const bank = label === 'main' ? 'Chase' : 'Wells Fargo';
  let accountMs = Date.UTC(2023, 5, 1, 9, 0, 0) + (label === 'main' ? 0 : 3_600_000);
  const accounts: AccountRec[] = [];
  const account = (type: AccountType, name: string, extra: Partial<AccountRec> = {}): AccountRec => {
    accountMs += 86_400_000;
    const rec: AccountRec = {
      org: label,
      id: newId('acc_'),
      name,
      type,
      description: null,
      external_account_type: null,
      beneficiary_name: who,
      institution_name: type === 'external_account' ? 'Ally' : bank,
      can_be_source: true,
      can_be_destination: true,
      balance_in_cents: rng.int(0, 5_000_000),
      created_at: formatTime(accountMs),
      createdMs: accountMs,
      ...extra,
    };
    accounts.push(rec);
    return rec;
  };
  const suffix = (i: number) => (i === 0 ? '' : ` #${i + 1}`);
  const incomes: AccountRec[] = [];
  const pods: AccountRec[] = [];
  const externals: AccountRec[] = [];
  const liabilities: AccountRec[] = [];
  for (let i = 0; i < scale; i++) {
    incomes.push(account('income_source', `${bank} Checking ••${4567 + i}`, { description: 'Main payroll account' }));
    incomes.push(account('income_source', `Freelance Income${suffix(i)}`));
    for (const n of ['Emergency Fund', 'Rent', 'Vacation', 'Groceries'])
      pods.push(account('pod', `${n}${suffix(i)}`, { description: `${n} pod` }));
    externals.push(account('external_account', `Ally Savings${suffix(i)}`, { external_account_type: 'DEPOSITORY' }));
    liabilities.push(
      account('external_account', `Visa Credit Card${suffix(i)}`, {
        external_account_type: 'LIABILITY',
        can_be_source: false,
        balance_in_cents: -rng.int(1000, 300_000),
        institution_name: 'Capital One',
      }),
    );
    externals.push(
      account('external_account', `Brokerage${suffix(i)}`, {
        external_account_type: 'INVESTMENT',
        institution_name: 'Fidelity',
      }),
    );
  }
  const emptyPod = account('pod', 'Empty Pod', { description: 'No cards, no transfers', balance_in_cents: 0 });
  const [income, income2] = incomes as [AccountRec, AccountRec];
  const [pod0, pod1, pod2] = pods as [AccountRec, AccountRec, AccountRec];
  const ext0 = externals[0] as AccountRec;
  const liability = liabilities[0] as AccountRec;

  const transfers: TransferRec[] = [];
  const direction = (s: AccountRec, d: AccountRec): TransferRec['direction'] =>
    s.type === 'external_account' ? 'money_in' : d.type === 'external_account' ? 'money_out' : 'internal';
  const transfer = (
    s: AccountRec,
    d: AccountRec,
    origin: TransferRec['origin'],
    status: TransferRec['status'],
    ms: number,
    ruleExecutionId: string | null = null,
  ): TransferRec => {
    const rec: TransferRec = {
      org: label,
      id: newId('txr_'),
      amount_in_cents: rng.int(1, 2000) * 100,
      direction: direction(s, d),
      origin,
      status,
      source_id: s.id,
      destination_id: d.id,
      description: rng.next() < 0.4 ? null : `${origin.replace('_', ' ')} ${d.name}`,
      rule_execution_id: ruleExecutionId,
      created_at: formatTime(ms),
      createdMs: ms,
    };
    transfers.push(rec);
    return rec;
  };

  let ruleMs = Date.UTC(2023, 8, 1, 12, 0, 0) + (label === 'main' ? 0 : 3_600_000);
  const rules: RuleRec[] = [];
  const rule = (
    nickname: string,
    trigger: RuleRec['trigger_type'],
    status: RuleRec['status'],
    src: AccountRec,
    dst: AccountRec,
  ): RuleRec => {
    ruleMs += 86_400_000;
    const amount = rng.int(5, 500) * 100;
    const rec: RuleRec = {
      org: label,
      id: newId('rule_'),
      nickname,
      description: rng.next() < 0.3 ? null : `${nickname}: ${src.name} to ${dst.name}`,
      status,
      trigger_type: trigger,
      source_id: src.id,
      destination_id: dst.id,
      amount_in_cents: amount,
      steps: [
        {
          conditions: { condition: { fact: 'BALANCE', operator: 'greaterThan', value: amount } },
          actions: [
            {
              type: 'FIXED',
              source: { id: src.id, type: src.type },
              destination: { id: dst.id, type: dst.type },
              group_index: 0,
              amount_in_cents: amount,
            },
          ],
        },
      ],
      created_at: formatTime(ruleMs),
      createdMs: ruleMs,
    };
    rules.push(rec);
    return rec;
  };
  const busyRule = rule('Auto-save on deposit', 'ON_FUNDS_TRANSFERRED', 'enabled', income, pod0);
  const manualRule = rule('Manual sweep', 'MANUAL', 'enabled', income, pod1);
  const disabledManualRule = rule('Paused top-up', 'MANUAL', 'disabled', income2, pod2);
  const scheduledRule = rule('Weekly rent', 'SCHEDULED', 'enabled', income, pod1);
  const disabledRule = rule('Card payoff', 'ON_FUNDS_TRANSFERRED', 'disabled', income, liability);

  type Event = { kind: 'transfer'; n: number } | { kind: 'execution'; rule: RuleRec };
  const events: Event[] = [];
  for (let n = 0; n < 40 * scale; n++) events.push({ kind: 'transfer', n });
  const runs: Array<[RuleRec, number]> = [
    [busyRule, 30],
    [manualRule, 5],
    [scheduledRule, 6],
    [disabledManualRule, 2],
    [disabledRule, 1],
  ];
  for (const [r, count] of runs) for (let i = 0; i < count * scale; i++) events.push({ kind: 'execution', rule: r });
  for (let i = events.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [events[i], events[j]] = [events[j] as Event, events[i] as Event];
  }

  const statuses: TransferRec['status'][] = [
    'complete',
    'complete',
    'complete',
    'processing',
    'pending',
    'pending_approval',
    'error',
    'cancelled',
    'incomplete',
  ];
  const internalAccounts = [...incomes, ...pods];
  const executions: ExecutionRec[] = [];
  let paycheck: TransferRec | undefined;
  for (const ev of events) {
    const ms = tick();
    if (ev.kind === 'transfer') {
      const n = ev.n;
      const status = n < 9 ? (statuses[n] as TransferRec['status']) : rng.pick(statuses);
      const nth = <T>(list: T[]): T => list[n % list.length] as T;
      switch (n % 8) {
        case 0:
          paycheck = transfer(ext0, income, 'paycheck', status, ms);
          break;
        case 1:
          transfer(nth(externals), nth(incomes), 'check_deposit', status, ms);
          break;
        case 2:
          transfer(ext0, nth(pods), 'cashback', status, ms);
          break;
        case 3:
          transfer(nth(externals), income, 'user_pull', status, ms);
          break;
        case 4:
          transfer(income, nth(externals), 'external_pull', status, ms);
          break;
        case 5:
          transfer(income, nth(pods), 'user', status, ms);
          break;
        case 6: {
          const s = nth(internalAccounts);
          const d = s === pod0 ? pod1 : pod0;
          transfer(s, d, 'user', status, ms);
          break;
        }
        default:
          transfer(nth(pods), liability, 'user', status, ms);
      }
    } else {
      const r = ev.rule;
      const trig = r.trigger_type.toLowerCase() as ExecutionRec['trigger_type'];
      const roll = rng.next();
      const status: ExecutionRec['status'] = roll < 0.7 ? 'executed' : roll < 0.85 ? 'failed' : 'partial';
      const details: ExecutionRec['trigger_details'] =
        trig === 'on_funds_transferred'
          ? {
              type: trig,
              transfer_id: paycheck?.id ?? null,
              amount_in_cents: paycheck?.amount_in_cents ?? r.amount_in_cents,
            }
          : trig === 'scheduled'
            ? { type: trig, scheduled_for: formatTime(ms) }
            : { type: trig, manual_execute_amount: rng.next() < 0.5 ? null : r.amount_in_cents };
      const ex: ExecutionRec = {
        org: label,
        id: newId('rex_'),
        rule_id: r.id,
        trigger_type: trig,
        status,
        trigger_details: details,
        transfer_ids: [],
        created_at: formatTime(ms),
        createdMs: ms,
      };
      executions.push(ex);
      if (status !== 'failed') {
        const src = accounts.find((a) => a.id === r.source_id) as AccountRec;
        const dst = accounts.find((a) => a.id === r.destination_id) as AccountRec;
        const t = transfer(src, dst, 'rule', status === 'executed' ? 'complete' : 'incomplete', ms + 1000, ex.id);
        ex.transfer_ids.push(t.id);
      }
    }
  }

  const cards: CardRec[] = [];
  const cardTransactions: CardTxnRec[] = [];
  const layout: Array<[number, CardRec['type'], CardRec['status'], number]> = [
    [0, 'physical', 'active', 30],
    [0, 'virtual', 'frozen', 3],
    [1, 'virtual', 'active', 4],
    [1, 'physical', 'lost', 1],
    [1, 'physical', 'stolen', 0],
    [2, 'virtual', 'inactive', 2],
    [2, 'physical', 'active', 3],
  ];
  const merchants = ['Whole Foods', 'Amazon', 'Shell', 'Uber', 'Netflix', 'Target', 'Starbucks', 'Home Depot'];
  let cardMs = Date.UTC(2023, 10, 1, 10, 0, 0) + (label === 'main' ? 0 : 1_800_000);
  let txnMs = Date.UTC(2024, 2, 1, 7, 0, 0) + (label === 'main' ? 0 : 1_800_000);
  for (let g = 0; g < scale; g++) {
    for (const [podIndex, type, status, txns] of layout) {
      cardMs += 86_400_000;
      const pod = pods[g * 4 + podIndex] as AccountRec;
      const card: CardRec = {
        org: label,
        id: newId('card_'),
        type,
        status,
        last_four: String(rng.int(0, 9999)).padStart(4, '0'),
        holder_name: who,
        expiration_date: `${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(26, 31)}`,
        account_id: pod.id,
        created_at: formatTime(cardMs),
        createdMs: cardMs,
      };
      cards.push(card);
      for (let i = 0; i < txns; i++) {
        txnMs += rng.int(1, 300) * 60_000;
        const credit = rng.next() < 0.2;
        cardTransactions.push({
          org: label,
          id: newId('ctx_'),
          card_id: card.id,
          amount_in_cents: rng.int(100, 25_000),
          direction: credit ? 'credit' : 'debit',
          merchant_name: rng.pick(merchants),
          status: rng.next() < 0.8 ? 'completed' : rng.next() < 0.5 ? 'pending' : 'declined',
          created_at: formatTime(txnMs),
          createdMs: txnMs,
        });
      }
    }
  }

  return {
    label,
    accounts,
    rules,
    executions,
    transfers,
    cards,
    cardTransactions,
    named: {
      income: income.id,
      income2: income2.id,
      pods: pods.map((p) => p.id),
      emptyPod: emptyPod.id,
      external: ext0.id,
      liability: liability.id,
      busyRule: busyRule.id,
      manualRule: manualRule.id,
      disabledManualRule: disabledManualRule.id,
      scheduledRule: scheduledRule.id,
      disabledRule: disabledRule.id,
      busyCard: (cards[0] as CardRec).id,
    },
  };
}
