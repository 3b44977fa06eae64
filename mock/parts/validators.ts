/**
 * `validators` part (C-VAL): one function per operation that checks the query or body after
 * the scope check and before any resource check, returning the parsed input or a 400. Repeated
 * known query parameters and undecodable query strings are 400 as well; unknown parameters
 * are ignored.
 */
import { fail, type AccountType, type Ctx, type CursorPos, type Fail, type RuleRec } from '../types.ts';

/** A validation result. */
export type Valid<T> = { ok: true; value: T } | Fail;

/** Page parameters shared by the paged lists (C-LIST-3). */
export interface PageInput {
  first: number;
  after: CursorPos | undefined;
  fromMs: number | undefined;
  toMs: number | undefined;
}

/** listTransfers input. */
export interface ListTransfersInput extends PageInput {
  /** Always set after default validation; undefined only if a validator lets it through. */
  accountId: string | undefined;
  role: 'either' | 'source' | 'destination';
  direction: string | undefined;
  origin: string | undefined;
  status: string | undefined;
}

/** listRuleExecutions input. */
export interface ListExecutionsInput extends PageInput {
  ruleId: string | undefined;
  status: string | undefined;
  triggerType: string | undefined;
}

/** listCardTransactions input. */
export interface ListCardTransactionsInput extends PageInput {
  direction: string | undefined;
}

/** listCards input. */
export interface ListCardsInput {
  accountId: string | undefined;
  status: string | undefined;
  type: string | undefined;
}

/** createTransfer body (C-VAL-3). */
export interface CreateTransferInput {
  source: string;
  destination: string;
  amount: number;
  description: string | null;
  /** The parsed body, for idempotency comparison. */
  body: unknown;
}

/** triggerRule body (C-VAL-4). */
export interface TriggerInput {
  amount: number | null;
  body: unknown;
}

/** The validators, one per operation, plus the post-lookup check of triggerRule. */
export interface Validators {
  listAccounts(ctx: Ctx): Valid<{ type: AccountType | undefined }>;
  getAccount(ctx: Ctx): Valid<null>;
  listRules(ctx: Ctx): Valid<{ sourceId: string | undefined }>;
  getRule(ctx: Ctx): Valid<null>;
  triggerRule(ctx: Ctx): Valid<TriggerInput>;
  /** `manual_execute_amount` only for MANUAL rules; runs after the rule was found. */
  triggerAmountForRule(rule: RuleRec, input: TriggerInput): Fail | undefined;
  listRuleExecutions(ctx: Ctx): Valid<ListExecutionsInput>;
  getRuleExecution(ctx: Ctx): Valid<null>;
  listTransfers(ctx: Ctx): Valid<ListTransfersInput>;
  getTransfer(ctx: Ctx): Valid<null>;
  createTransfer(ctx: Ctx): Valid<CreateTransferInput>;
  listCards(ctx: Ctx): Valid<ListCardsInput>;
  getCard(ctx: Ctx): Valid<null>;
  listCardTransactions(ctx: Ctx): Valid<ListCardTransactionsInput>;
}

const ENUMS = {
  accountType: ['income_source', 'pod', 'external_account'],
  role: ['source', 'destination', 'either'],
  transferDirection: ['money_in', 'money_out', 'internal'],
  origin: ['paycheck', 'check_deposit', 'cashback', 'user_pull', 'rule', 'user', 'external_pull'],
  transferStatus: ['pending_approval', 'processing', 'pending', 'complete', 'error', 'cancelled', 'incomplete'],
  executionStatus: ['in_progress', 'executed', 'partial', 'failed'],
  executionTrigger: ['manual', 'scheduled', 'on_funds_transferred'],
  cardStatus: ['active', 'inactive', 'frozen', 'stolen', 'lost'],
  cardType: ['virtual', 'physical'],
  ctxDirection: ['debit', 'credit'],
} as const;

const bad = (message: string): Fail => fail('invalid_request', message);

/** 400 when the query string could not be decoded or a parameter of the operation is repeated. */
function queryShape(ctx: Ctx, names: readonly string[]): Fail | undefined {
  if (ctx.query.malformed) return bad('The query string is malformed (bad percent-encoding or too long).');
  if (ctx.query.repeated.size > 0)
    for (const n of names)
      if (ctx.query.repeated.has(n)) return bad(`Query parameter '${n}' must be given at most once.`);
  return undefined;
}

function enumParam(ctx: Ctx, name: string, allowed: readonly string[]): string | undefined | Fail {
  const v = ctx.query.values.get(name);
  if (v === undefined) return undefined;
  return allowed.includes(v) ? v : bad(`Query parameter '${name}' must be one of ${allowed.join(', ')}.`);
}

function isFail(v: unknown): v is Fail {
  return typeof v === 'object' && v !== null && (v as Fail).ok === false;
}

function required(ctx: Ctx, name: string): string | Fail {
  const v = ctx.query.values.get(name);
  return v === undefined || v === '' ? bad(`Query parameter '${name}' is required.`) : v;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 date-time with offset; undefined for anything else, impossible dates included. */
export function parseDateTime(s: string): number | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60) return undefined;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return undefined;
  let offset = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offset = (oh * 60 + om) * 60_000 * (m[9] === '-' ? -1 : 1);
  }
  const frac = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  utc.setUTCHours(h, mi, se, frac);
  return utc.getTime() - offset;
}

function dateParam(ctx: Ctx, name: string): number | undefined | Fail {
  const v = ctx.query.values.get(name);
  if (v === undefined) return undefined;
  const ms = parseDateTime(v);
  return ms === undefined
    ? bad(`Query parameter '${name}' must be an RFC 3339 date-time, e.g. 2024-01-15T10:00:00Z.`)
    : ms;
}

function pageParams(ctx: Ctx): PageInput | Fail {
  const f = ctx.query.values.get('first');
  let first = 20;
  if (f !== undefined) {
    if (!/^[0-9]+$/.test(f) || Number(f) < 1 || Number(f) > 100)
      return bad("Query parameter 'first' must be an integer from 1 to 100.");
    first = Number(f);
  }
  const a = ctx.query.values.get('after');
  let after: CursorPos | undefined;
  if (a !== undefined) {
    after = ctx.parts.paginate.decodeCursor(ctx.op, a);
    if (!after) return bad("Query parameter 'after' is not a cursor this operation issued.");
  }
  const fromMs = dateParam(ctx, 'from');
  if (isFail(fromMs)) return fromMs;
  const toMs = dateParam(ctx, 'to');
  if (isFail(toMs)) return toMs;
  return { first, after, fromMs, toMs };
}

const PAGE_NAMES = ['first', 'after', 'from', 'to'] as const;

function noQuery(ctx: Ctx): Valid<null> {
  return ctx.query.malformed
    ? bad('The query string is malformed (bad percent-encoding or too long).')
    : { ok: true, value: null };
}

function parseJsonBody(raw: string | undefined, optional: boolean): { ok: true; value: unknown } | Fail {
  if (raw === undefined || raw.trim() === '')
    return optional ? { ok: true, value: {} } : bad('The request body must be a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return bad('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad('The request body must be a JSON object.');
  return { ok: true, value };
}

/** Length in characters (code points), not UTF-16 units. */
function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Default validators. */
export const validators: Validators = {
  listAccounts: (ctx) => {
    const shape = queryShape(ctx, ['type']);
    if (shape) return shape;
    const type = enumParam(ctx, 'type', ENUMS.accountType);
    if (isFail(type)) return type;
    return { ok: true, value: { type: type as AccountType | undefined } };
  },
  getAccount: noQuery,
  listRules: (ctx) => {
    const shape = queryShape(ctx, ['source_id']);
    if (shape) return shape;
    const sourceId = ctx.query.values.get('source_id');
    if (sourceId === '') return bad("Query parameter 'source_id' must not be empty.");
    return { ok: true, value: { sourceId } };
  },
  getRule: noQuery,
  triggerRule: (ctx) => {
    const parsed = parseJsonBody(ctx.body, true);
    if (!parsed.ok) return parsed;
    const body = parsed.value as Record<string, unknown>;
    const amount = body.manual_execute_amount;
    if (amount !== undefined && amount !== null && !(Number.isSafeInteger(amount) && (amount as number) >= 1))
      return bad('manual_execute_amount must be null or an integer of at least 1.');
    return { ok: true, value: { amount: (amount as number | null | undefined) ?? null, body } };
  },
  triggerAmountForRule: (rule, input) =>
    input.amount !== null && rule.trigger_type !== 'MANUAL'
      ? bad('manual_execute_amount is allowed only for MANUAL rules.')
      : undefined,
  listRuleExecutions: (ctx) => {
    const shape = queryShape(ctx, ['rule_id', 'status', 'trigger_type', ...PAGE_NAMES]);
    if (shape) return shape;
    const ruleId = required(ctx, 'rule_id');
    if (isFail(ruleId)) return ruleId;
    const status = enumParam(ctx, 'status', ENUMS.executionStatus);
    if (isFail(status)) return status;
    const triggerType = enumParam(ctx, 'trigger_type', ENUMS.executionTrigger);
    if (isFail(triggerType)) return triggerType;
    const page = pageParams(ctx);
    if (isFail(page)) return page;
    return { ok: true, value: { ...page, ruleId, status, triggerType } };
  },
  getRuleExecution: noQuery,
  listTransfers: (ctx) => {
    const shape = queryShape(ctx, ['account_id', 'account_role', 'direction', 'origin', 'status', ...PAGE_NAMES]);
    if (shape) return shape;
    const accountId = required(ctx, 'account_id');
    if (isFail(accountId)) return accountId;
    const role = enumParam(ctx, 'account_role', ENUMS.role);
    if (isFail(role)) return role;
    const direction = enumParam(ctx, 'direction', ENUMS.transferDirection);
    if (isFail(direction)) return direction;
    const origin = enumParam(ctx, 'origin', ENUMS.origin);
    if (isFail(origin)) return origin;
    const status = enumParam(ctx, 'status', ENUMS.transferStatus);
    if (isFail(status)) return status;
    const page = pageParams(ctx);
    if (isFail(page)) return page;
    return {
      ok: true,
      value: { ...page, accountId, role: (role ?? 'either') as ListTransfersInput['role'], direction, origin, status },
    };
  },
  getTransfer: noQuery,
  createTransfer: (ctx) => {
    const parsed = parseJsonBody(ctx.body, false);
    if (!parsed.ok) return parsed;
    const b = parsed.value as Record<string, unknown>;
    const { source_account_id: source, destination_account_id: destination, amount_in_cents: amount, description } = b;
    if (typeof source !== 'string') return bad('source_account_id is required and must be a string.');
    if (typeof destination !== 'string') return bad('destination_account_id is required and must be a string.');
    if (!(Number.isSafeInteger(amount) && (amount as number) >= 1))
      return bad('amount_in_cents must be an integer of at least 1.');
    if (
      description !== undefined &&
      description !== null &&
      (typeof description !== 'string' || charLength(description) > 255)
    )
      return bad('description must be a string of at most 255 characters.');
    if (source === destination) return bad('source_account_id and destination_account_id must differ.');
    return {
      ok: true,
      value: {
        source,
        destination,
        amount: amount as number,
        description: (description as string | null | undefined) ?? null,
        body: b,
      },
    };
  },
  listCards: (ctx) => {
    const shape = queryShape(ctx, ['account_id', 'status', 'type']);
    if (shape) return shape;
    const accountId = required(ctx, 'account_id');
    if (isFail(accountId)) return accountId;
    const status = enumParam(ctx, 'status', ENUMS.cardStatus);
    if (isFail(status)) return status;
    const type = enumParam(ctx, 'type', ENUMS.cardType);
    if (isFail(type)) return type;
    return { ok: true, value: { accountId, status, type } };
  },
  getCard: noQuery,
  listCardTransactions: (ctx) => {
    const shape = queryShape(ctx, ['direction', ...PAGE_NAMES]);
    if (shape) return shape;
    const direction = enumParam(ctx, 'direction', ENUMS.ctxDirection);
    if (isFail(direction)) return direction;
    const page = pageParams(ctx);
    if (isFail(page)) return page;
    return { ok: true, value: { ...page, direction } };
  },
};
