/**
 * The engine: sends one case (or scenario) through the transport, runs every registered check
 * on the answer, and returns a {@link CaseResult}. The vitest suites and the mutant gate both
 * call it; nothing here decides allow or deny (that is the oracle's).
 */
import type { Case, RequestSpec, Scenario } from '../generators/case-types.ts';
import type { SecretStore } from '../generators/profile.ts';
import type { Operation } from '../openapi/types.ts';
import { CHECKS, type Violation } from './checks/index.ts';
import type { EngineContext } from './engine-context.ts';
import { errorCode } from './checks/status.ts';
import { cellState, type CaseResult, type Finding, type Verdict } from './results.ts';
import { scenarioKind } from './scenarios/index.ts';
import type { Judged, Send } from './scenarios/kind.ts';
import { curlOf, TargetError, type HttpResponse, type Sender } from './transport.ts';

const CHECK_IDS = CHECKS.map((c) => c.id);

/** Turns violations into findings carrying the case's data and a reproducing curl. */
export function toFindings(
  ctx: EngineContext,
  c: Pick<Case, 'id' | 'operationId' | 'keyId' | 'resource' | 'variant'>,
  check: string,
  vs: Violation[],
  req: RequestSpec,
  sender: Sender,
  extra?: Record<string, string>,
): Finding[] {
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

/** The state of a judged cell from its findings (see {@link cellState}). */
export function verdictOf(findings: Finding[]): Verdict {
  return cellState(findings) as Verdict;
}

/**
 * A check that throws while reading a response found a body it could not read: that is a finding
 * against the response (C-BODY-1), never a lost cell.
 */
function crashViolation(check: string, e: unknown): Violation {
  const why = e instanceof Error ? e.message : String(e);
  return {
    clause: 'C-BODY-1',
    level: 'must',
    message: `${check} could not read the response: ${why}`,
    expected: "a body of the contract's shape",
    actual: why,
  };
}

/** Runs every check on one exchange. */
export function judge(ctx: EngineContext, c: Case, op: Operation, res: HttpResponse): Finding[] {
  const sender: Sender = { credential: c.credential, keyId: c.keyId };
  const key = c.keyId ? ctx.keys.get(c.keyId) : undefined;
  // The curl line repeats the write's Idempotency-Key, so replaying it cannot act twice.
  const extra = res.idempotencyKey !== undefined ? { 'Idempotency-Key': res.idempotencyKey } : undefined;
  const out: Finding[] = [];
  for (const check of ctx.checks ?? CHECKS) {
    let vs: Violation[];
    try {
      vs = check.run({
        contract: ctx.contract,
        case: c,
        op,
        res,
        validator: ctx.validator,
        inventory: ctx.inventory,
        key,
        seenRequestIds: ctx.seenRequestIds,
      });
    } catch (e) {
      vs = [crashViolation(check.id, e)];
    }
    if (vs.length) out.push(...toFindings(ctx, c, check.id, vs, c.request, sender, extra));
  }
  return out;
}

/** The state of a cell that got no usable answer: not sent (throttled, breaker open) or a target error, with why. */
function unanswered(ctx: EngineContext, e: TargetError): Pick<CaseResult, 'verdict' | 'target_error' | 'not_sent'> {
  const why = ctx.secrets.redact(e.message);
  return e.notSent ? { verdict: 'not_sent', not_sent: why } : { verdict: 'error', target_error: why };
}

/** What a case's result holds before it is sent. */
function caseBase(
  c: Case,
  checks: string[],
): Omit<CaseResult, 'actual' | 'verdict' | 'findings' | 'duration_ms' | 'rate_limited'> {
  return {
    case_id: c.id,
    kind: 'case',
    group: c.group,
    operation_id: c.operationId,
    key_id: c.keyId,
    credential: c.credential,
    resource: c.resource,
    variant: c.variant,
    expected: {
      status: c.expect.status,
      code: c.expect.code,
      clause: c.expect.clause,
      because: c.expect.because,
      level: c.expect.level,
    },
    checks,
  };
}

/** What a scenario's result holds before it runs: its kind labels it. */
function scenarioBase(
  s: Scenario,
): Omit<CaseResult, 'actual' | 'verdict' | 'findings' | 'duration_ms' | 'rate_limited'> {
  const kind = scenarioKind(s);
  return {
    case_id: s.id,
    kind: 'scenario',
    group: kind.group,
    operation_id: s.operationId,
    key_id: s.keyId,
    credential: 'key',
    resource: kind.resource(s),
    variant: s.kind,
    expected: { status: null, code: null, clause: s.clause, because: kind.because(s), level: 'must' },
    checks: kind.judgesSteps ? [kind.check.id, ...CHECK_IDS] : [kind.check.id],
  };
}

/** A cell of the matrix: a case or a scenario. */
export type Cell = Case | Scenario;

function isCase(cell: Cell): cell is Case {
  return 'request' in cell;
}

/** The result of a cell the run did not send, with why. */
export function notSentResult(ctx: Pick<EngineContext, 'checks'>, cell: Cell, why: string): CaseResult {
  const base = isCase(cell) ? caseBase(cell, ctx.checks ? ctx.checks.map((x) => x.id) : CHECK_IDS) : scenarioBase(cell);
  return { ...base, actual: null, verdict: 'not_sent', not_sent: why, findings: [], duration_ms: 0, rate_limited: 0 };
}

/** The result of a cell the suite itself failed on: counted as a target error, with the suite's error as why. */
export function suiteErrorResult(ctx: Pick<EngineContext, 'checks' | 'secrets'>, cell: Cell, e: unknown): CaseResult {
  const base = isCase(cell) ? caseBase(cell, ctx.checks ? ctx.checks.map((x) => x.id) : CHECK_IDS) : scenarioBase(cell);
  const why = ctx.secrets.redact(
    `the suite failed while running this cell: ${e instanceof Error ? e.message : String(e)}`,
  );
  return { ...base, actual: null, verdict: 'error', target_error: why, findings: [], duration_ms: 0, rate_limited: 0 };
}

/** Runs one cell: a case or a scenario. */
export function runCell(ctx: EngineContext, cell: Cell): Promise<CaseResult> {
  return isCase(cell) ? runCase(ctx, cell) : runScenario(ctx, cell);
}

/** Sends one case and judges the answer. */
export async function runCase(ctx: EngineContext, c: Case): Promise<CaseResult> {
  const op = ctx.contract.byId.get(c.operationId)!;
  const base = caseBase(c, ctx.checks ? ctx.checks.map((x) => x.id) : CHECK_IDS);
  let res: HttpResponse;
  try {
    res = await ctx.transport.send(c.request, { credential: c.credential, keyId: c.keyId });
  } catch (e) {
    if (!(e instanceof TargetError)) throw e;
    return { ...base, actual: null, findings: [], duration_ms: 0, rate_limited: 0, ...unanswered(ctx, e) };
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
  const base = scenarioBase(s);
  const label = { id: s.id, operationId: s.operationId, keyId: s.keyId, resource: base.resource, variant: s.kind };
  const findings: Finding[] = [];
  let rateLimited = 0;
  const checks = base.checks;
  // The last exchange, so that a step that cannot read an answer is reported against it.
  let last: { req: RequestSpec; sender: Sender; extra?: Record<string, string> } = {
    req: { method: 'GET', path: s.path, query: [], headers: {} },
    sender: { credential: 'key', keyId: s.keyId },
  };
  const kind = scenarioKind(s);
  const send: Send = async (req, keyId, extra) => {
    const sender: Sender = { credential: 'key', keyId };
    last = { req, sender, ...(extra ? { extra } : {}) };
    const r = await ctx.transport.send(req, sender, extra);
    rateLimited += r.rateLimited;
    return r;
  };
  // A step is judged like a case: the same checks, with the oracle's expectation or, where the kind judges the status, the one it got.
  const judged: Judged = async ({ req, keyId, operationId, expect, extra }) => {
    const res = await send(req, keyId, extra);
    const step: Case = {
      id: s.id,
      group: kind.group,
      operationId,
      keyId,
      credential: 'key',
      resource: base.resource,
      variant: s.kind,
      request: req,
      expect: expect ?? {
        status: res.status,
        code: null,
        clause: s.clause,
        because: `the ${s.kind} sequence judges this status`,
        level: 'must',
        step: 'allow',
      },
      write: req.method !== 'GET',
    };
    findings.push(...judge(ctx, step, ctx.contract.byId.get(operationId)!, res));
    return res;
  };
  const done = (rest: Partial<CaseResult> = {}): CaseResult => ({
    ...base,
    actual: null,
    verdict: verdictOf(findings),
    findings,
    duration_ms: Math.round(performance.now() - t0),
    rate_limited: rateLimited,
    ...rest,
  });
  try {
    await kind.run(s, {
      ctx,
      send,
      judged,
      report: (vs, req, sender, extra) =>
        findings.push(...toFindings(ctx, label, kind.check.id, vs, req, sender, extra)),
    });
  } catch (e) {
    if (e instanceof TargetError) {
      // What was judged before the target failed stands: a MUST failure found is a failure.
      return verdictOf(findings) === 'fail' ? done() : done(unanswered(ctx, e));
    }
    findings.push(
      ...toFindings(ctx, label, checks[0]!, [crashViolation(checks[0]!, e)], last.req, last.sender, last.extra),
    );
  }
  return done();
}
