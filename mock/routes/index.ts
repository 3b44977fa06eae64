/** The routers part: one router per resource, and which router serves which operation. */
import type { OperationId } from '../types.ts';
import { accountsRouter } from './accounts.ts';
import { cardsRouter } from './cards.ts';
import { ruleExecutionsRouter } from './rule-executions.ts';
import { rulesRouter } from './rules.ts';
import { transfersRouter } from './transfers.ts';

/** The `routers` part. */
export interface Routers {
  accounts: typeof accountsRouter;
  rules: typeof rulesRouter;
  ruleExecutions: typeof ruleExecutionsRouter;
  transfers: typeof transfersRouter;
  cards: typeof cardsRouter;
}

/** Default routers. */
export const routers: Routers = {
  accounts: accountsRouter,
  rules: rulesRouter,
  ruleExecutions: ruleExecutionsRouter,
  transfers: transfersRouter,
  cards: cardsRouter,
};

/** The router that serves each operation. */
export const ROUTER_OF: Readonly<Record<OperationId, keyof Routers>> = {
  listAccounts: 'accounts',
  getAccount: 'accounts',
  listRules: 'rules',
  getRule: 'rules',
  triggerRule: 'rules',
  listRuleExecutions: 'ruleExecutions',
  getRuleExecution: 'ruleExecutions',
  listTransfers: 'transfers',
  getTransfer: 'transfers',
  createTransfer: 'transfers',
  listCards: 'cards',
  getCard: 'cards',
  listCardTransactions: 'cards',
};
