/**
 * The engine: sends one case (or scenario) through the transport, runs every registered check
 * on the answer, and returns a {@link CaseResult}. The vitest suites and the mutant gate both
 * call it; nothing here decides allow or deny (that is the oracle's).
 */
import type { Case, RequestSpec } from '../generators/case-types.ts';
import type { Inventory } from '../generators/inventory.ts';
import type { Scenario } from '../generators/matrix.ts';
import type { KeySpec, SecretStore } from '../generators/profile.ts';
import type { Contract, Operation } from '../openapi/types.ts';
import { CHECKS, type Check, type Violation } from './checks/index.ts';
import { errorCode } from './checks/status.ts';
import type { CaseResult, Finding, Verdict } from './results.ts';
import { runScenarioSteps } from './scenarios.ts';
import { curlOf, TargetError, type HttpResponse, type Sender, type Transport } from './transport.ts';
import type { BodyValidator } from './validate.ts';

const CHECK_IDS = CHECKS.map((c) => c.id);

/** What the engine needs for a run. */
export interface EngineContext {
  contract: Contract;
  validator: BodyValidator;
  inventory: Inventory;
  keys: ReadonlyMap<string, KeySpec>;
  transport: Transport;
  secrets: SecretStore;
  /** Server-generated request IDs seen in this run (C-REQID-3). */
  seenRequestIds: Set<string>;
  /** A nonce unique to this run, for Idempotency-Keys. */
  runNonce: string;
  /** Checks to run (default: all). */
  checks?: readonly Check[];
}

/** Turns violations into findings carrying the case's data and a reproducing curl. */
export function toFindings(ctx: EngineContext, c: Pick<Case, 'id' | 'operationId' | 'keyId' | 'resource' | 'variant'>, check: string, vs: Violation[], req: RequestSpec, sender: Sender, extra?: Record<string, string>): Finding[] {
  return vs.map((v) => ({
    case_id: c.id,
    check,
    clause: v.clause,
    level: v.level,
    operation_id: c.operationId,
    key_id: c.keyId,
    resource: c.resource,
    variant: c.variant,
    expected: v.expected,
    actual: redactValue(ctx.secrets, v.actual),
    message: ctx.secrets.redact(v.message),
    curl: curlOf(ctx.transport.baseUrl, req, sender, extra),
  }));
}

function redactValue(secrets: SecretStore, v: unknown): unknown {
  if (v === undefined) return null;
  const s = JSON.stringify(v);
  const r = secrets.redact(s);
  return r === s ? v : JSON.parse(r);
}

/** The verdict of a set of findings. */
export function verdictOf(findings: Finding[], targetError?: string): Verdict {
  if (targetError) return 'error';
  if (findings.some((f) => f.level === 'must')) return 'fail';
  return findings.length ? 'warn' : 'pass';
}

/** Runs every check on one exchange. */
export function judge(ctx: EngineContext, c: Case, op: Operation, res: HttpResponse): Finding[] {
  const sender: Sender = { credential: c.credential, keyId: c.keyId };
  const key = c.keyId ? ctx.keys.get(c.keyId) : undefined;
  const out: Finding[] = [];
  for (const check of ctx.checks ?? CHECKS) {
    const vs = check.run({ contract: ctx.contract, case: c, op, res, validator: ctx.validator, inventory: ctx.inventory, key, seenRequestIds: ctx.seenRequestIds });
    if (vs.length) out.push(...toFindings(ctx, c, check.id, vs, c.request, sender));
  }
  return out;
}

/** Sends one case and judges the answer. */
export async function runCase(ctx: EngineContext, c: Case): Promise<CaseResult> {
  const op = ctx.contract.byId.get(c.operationId)!;
  const base = {
    case_id: c.id,
    kind: 'case' as const,
    family: c.family,
    operation_id: c.operationId,
    key_id: c.keyId,
    credential: c.credential,
    resource: c.resource,
    variant: c.variant,
    expected: { status: c.expect.status, code: c.expect.code, clause: c.expect.clause, because: c.expect.because, level: c.expect.level },
    checks: ctx.checks ? ctx.checks.map((x) => x.id) : CHECK_IDS,
  };
  let res: HttpResponse;
  try {
    res = await ctx.transport.send(c.request, { credential: c.credential, keyId: c.keyId });
  } catch (e) {
    if (!(e instanceof TargetError)) throw e;
    return { ...base, actual: null, verdict: 'error', findings: [], duration_ms: 0, rate_limited: 0, target_error: ctx.secrets.redact(e.message) };
  }
  const findings = judge(ctx, c, op, res);
  return {
    ...base,
    actual: { status: res.status, code: errorCode(res.json) ?? null },
    verdict: verdictOf(findings),
    findings,
    duration_ms: Math.round(res.durationMs * 100) / 100,
    rate_limited: res.rateLimited,
  };
}

/** Runs one scenario: a sequence of requests judged as a whole. */
export async function runScenario(ctx: EngineContext, s: Scenario): Promise<CaseResult> {
  const t0 = performance.now();
  const opId = s.operationId;
  const label = { id: s.id, operationId: opId, keyId: s.keyId, resource: scenarioResource(s), variant: s.kind };
  const base = {
    case_id: s.id,
    kind: 'scenario' as const,
    family: (s.kind === 'page_walk' || s.kind === 'foreign_cursor' ? 'lists' : 'state') as CaseResult['family'],
    operation_id: opId,
    key_id: s.keyId,
    credential: 'key',
    resource: label.resource,
    variant: s.kind,
    expected: { status: null, code: null, clause: s.clause, because: scenarioBecause(s), level: 'must' as const },
  };
  const findings: Finding[] = [];
  let rateLimited = 0;
  let checks: string[] = [];
  try {
    const r = await runScenarioSteps(ctx, s, (check, vs, req, sender, extra) => findings.push(...toFindings(ctx, label, check, vs, req, sender, extra)));
    rateLimited = r.rateLimited;
    checks = r.checks;
  } catch (e) {
    if (!(e instanceof TargetError)) throw e;
    return { ...base, checks, actual: null, verdict: 'error', findings, duration_ms: performance.now() - t0, rate_limited: rateLimited, target_error: ctx.secrets.redact(e.message) };
  }
  return { ...base, checks, actual: null, verdict: verdictOf(findings), findings, duration_ms: Math.round(performance.now() - t0), rate_limited: rateLimited };
}

function scenarioResource(s: Scenario): string {
  switch (s.kind) {
    case 'page_walk':
    case 'foreign_cursor':
      return `${s.path}?${s.query.map(([k, v]) => `${k}=${v}`).join('&')}`;
    case 'create_readback':
      return `${String(s.body.source_account_id)} -> ${String(s.body.destination_account_id)}`;
    case 'trigger_poll':
      return s.ruleId;
    case 'idempotent_replay':
    case 'denied_write':
      return s.path;
  }
}

function scenarioBecause(s: Scenario): string {
  switch (s.kind) {
    case 'page_walk':
      return `walking pages of ${s.first} returns every matching item once, newest first`;
    case 'foreign_cursor':
      return `a cursor of ${s.fromOperationId} is not a cursor of ${s.operationId}`;
    case 'create_readback':
      return 'a created transfer is readable by exactly the keys that may read one of its accounts';
    case 'trigger_poll':
      return 'a triggered execution is readable and listed for its rule';
    case 'idempotent_replay':
      return 'the same Idempotency-Key and body replay the first answer; another body conflicts';
    case 'denied_write':
      return 'a denied write has no effect';
  }
}
