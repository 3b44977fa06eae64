import { describe, expect, it } from 'vitest';
import { getContract } from '../openapi/load.ts';
import { listItemKind } from './contract-facts.ts';

const contract = await getContract();

describe('listItemKind', () => {
  it.each([
    ['listAccounts', 'account'],
    ['listRules', 'rule'],
    ['listRuleExecutions', 'rule_execution'],
    ['listTransfers', 'transfer'],
    ['listCards', 'card'],
    ['listCardTransactions', 'card_transaction'],
    ['getCard', undefined],
  ] as const)('%s returns %s items', (id, kind) => {
    expect(listItemKind(contract, contract.byId.get(id)!)).toBe(kind);
  });
});
