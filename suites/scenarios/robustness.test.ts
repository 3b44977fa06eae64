import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../generators/case-types.ts';
import { planKeys } from '../../generators/key-plan.ts';
import { buildMatrix } from '../../generators/matrix.ts';
import { syntheticInventory } from '../../generators/test-inventory.ts';
import { MUTANTS } from '../../mock/mutants/index.ts';
import { getContract } from '../../openapi/load.ts';
import type { OperationId } from '../../openapi/types.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeRun } from '../run.ts';
import { prepareRun } from '../target.ts';
import { TargetError, type HttpResponse } from '../transport.ts';
import { buildScenarios } from './index.ts';
import robustness, { classicsOf, families, robustnessViolations, type Fuzzed, type Robustness } from './robustness.ts';

const contract = await getContract();
const inv = syntheticInventory();
const keys = planKeys(inv).map((k) => (k.id.startsWith('full-') ? { ...k, id: `full-${k.org}` } : k));
const RID = 'seqconform-robustness-0001';

function cells(opts: {
  embedded: boolean;
  mutations: 'all' | 'denied-only' | 'none';
  fuzz?: number;
  seed?: number;
}): Robustness[] {
  const { scenarios } = buildScenarios(buildMatrix(contract, inv, keys, { seed: opts.seed ?? 7, ...opts }).ctx);
  return scenarios.filter((s): s is Robustness => s.kind === 'robustness');
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const text = JSON.stringify(body);
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': RID, ...headers },
    text,
    json: body,
    rateLimited: 0,
    durationMs: 1,
  };
}

const notFound = () => answer(404, { error: { code: 'resource_not_found', message: 'No such object.' } });
const get = (path: string): Fuzzed => ({ req: { method: 'GET', path, query: [], headers: {} } });

/** Runs one cell against a fake target; returns what it sent and what it reported. */
async function runCell(s: Robustness, target: (req: RequestSpec) => HttpResponse) {
  const sent: RequestSpec[] = [];
  const reported: Array<{ clauses: string[]; req: RequestSpec }> = [];
  await robustness.run(s, {
    ctx: { contract } as EngineContext,
    send: async (req) => {
      sent.push(req);
      return target(req);
    },
    judged: async () => {
      throw new Error('robustness judges its own answers');
    },
    report: (vs, req) => reported.push({ clauses: vs.map((v) => v.clause), req }),
  });
  return { sent, reported };
}

describe('robustness: what every answer must be', () => {
  it('a well-formed 404 with the request ID back is silent', () => {
    expect(robustnessViolations({ ...get('/accounts/a%2Fb'), malformed: 'C-FOUND-2' }, notFound())).toEqual([]);
  });

  it('a 5xx, a lost request ID, a non-JSON error, a leaked field, a wrong code and an accepted malformed request each show', () => {
    const clauses = (f: Fuzzed, r: HttpResponse) => robustnessViolations(f, r).map((v) => v.clause);
    expect(clauses(get('/x'), answer(500, { error: { code: 'internal', message: 'x' } }))).toContain('C-BODY-3');
    expect(clauses(get('/x'), { ...notFound(), headers: { 'content-type': 'application/json' } })).toEqual([
      'C-REQID-1',
    ]);
    expect(
      clauses(get('/x'), {
        ...notFound(),
        headers: { 'content-type': 'text/html', 'x-request-id': RID },
        json: undefined,
      }),
    ).toEqual(['C-BODY-1', 'C-BODY-2']);
    expect(
      clauses(
        get('/x'),
        answer(404, { error: { code: 'resource_not_found', message: 'm' }, account: { id: 'acc_1' } }),
      ),
    ).toEqual(['C-PERM-8']);
    expect(clauses(get('/x'), answer(400, { error: { code: 'bad', message: 'm' } }))).toEqual(['C-BODY-2']);
    expect(clauses({ ...get('/x'), malformed: 'C-VAL-2' }, answer(200, { data: [] }))).toEqual(['C-VAL-2']);
  });

  it('outside the API only C-BODY-3 and C-REQID-1 apply', () => {
    const f: Fuzzed = { ...get('/seqconform-x'), outside: true };
    expect(
      robustnessViolations(f, {
        ...notFound(),
        headers: { 'content-type': 'text/plain', 'x-request-id': RID },
        json: undefined,
      }),
    ).toEqual([]);
    expect(robustnessViolations(f, answer(502, {})).map((v) => v.clause)).toEqual(['C-BODY-3']);
  });
});

describe('robustness cells', () => {
  it('cover every operation with the kinds of input it takes, plus paths and methods', () => {
    const all = cells({ embedded: true, mutations: 'all' });
    const kinds = (id: string) =>
      all
        .filter((s) => s.operationId === id && s.fuzz !== 'paths')
        .map((s) => s.fuzz)
        .sort();
    expect(kinds('getAccount')).toEqual(['headers', 'ids', 'query']);
    expect(kinds('createTransfer')).toEqual(['body', 'headers', 'query']);
    expect(kinds('triggerRule')).toEqual(['body', 'headers', 'ids', 'query']);
    expect(all.filter((s) => s.fuzz === 'paths')).toHaveLength(1);
    expect(new Set(all.map((s) => s.operationId))).toEqual(new Set(contract.operations.map((o) => o.operationId)));
    expect(cells({ embedded: true, mutations: 'all', fuzz: 0 })).toEqual([]);
  });

  it('send no write that could succeed anywhere but the embedded mock, whatever the policy', () => {
    const known = new Set(inv.orgs.flatMap((o) => [...o.accounts, ...o.rules].map((x) => x.id)));
    const mentions = (s: Robustness) =>
      [...JSON.stringify(s.base).matchAll(/(acc|rule)_[A-Za-z0-9]+/g)].map((m) => m[0]);
    for (const policy of ['all', 'denied-only'] as const) {
      const writes = cells({ embedded: false, mutations: policy }).filter((s) => s.base.method === 'POST');
      expect(writes.length).toBeGreaterThan(0);
      for (const s of writes) {
        const ids = mentions(s);
        // Every write names at least one account or rule that exists nowhere.
        expect(
          ids.some((id) => !known.has(id)),
          `${policy} ${s.operationId}/${s.fuzz}`,
        ).toBe(true);
      }
    }
    const embedded = cells({ embedded: true, mutations: 'all' }).filter((s) => s.base.method === 'POST');
    expect(embedded.some((s) => mentions(s).every((id) => known.has(id)))).toBe(true);
  });

  it('send every family’s classic input within the budget, then random ones, the same for the same seed', async () => {
    const s = cells({ embedded: true, mutations: 'all' }).find(
      (c) => c.operationId === 'createTransfer' && c.fuzz === 'body',
    )!;
    const fams = families(s, contract.byId.get('createTransfer'));
    expect(fams.length).toBeLessThanOrEqual(s.runs);
    const a = await runCell(s, () => notFound());
    const b = await runCell(s, () => notFound());
    expect(a.sent).toHaveLength(s.runs);
    expect(a.sent.slice(0, fams.length).map((r) => r.rawBody ?? JSON.stringify(r.body))).toEqual(
      fams.map((f) => f.classic.req.rawBody ?? JSON.stringify(f.classic.req.body)),
    );
    expect(b.sent).toEqual(a.sent);
    const other = await runCell({ ...s, seed: s.seed + 1 }, () => notFound());
    expect(other.sent).not.toEqual(a.sent);
  });

  it('send only GET and OPTIONS outside the API, unless on the embedded mock under mutations: all', async () => {
    const fc = await import('fast-check');
    const methods = (c: Robustness[]) => {
      const p = c.find((x) => x.fuzz === 'paths')!;
      const fams = families(p, undefined);
      return new Set([
        ...classicsOf(fams, 100).map((f) => f.req.method),
        ...fc.sample(fc.oneof(...fams.map((f) => f.arb)), { seed: 3, numRuns: 500 }).map((f) => f.req.method),
      ]);
    };
    for (const mutations of ['all', 'denied-only', 'none'] as const)
      expect([...methods(cells({ embedded: false, mutations }))].sort()).toEqual(['GET', 'OPTIONS']);
    expect(methods(cells({ embedded: true, mutations: 'all' }))).toContain('DELETE');
  });

  it('never send an ID that a URL resolves away (a dot segment), for any seed', async () => {
    const fc = await import('fast-check');
    for (const s of cells({ embedded: true, mutations: 'all' }).filter((c) => c.fuzz === 'ids' || c.fuzz === 'paths')) {
      const op = s.fuzz === 'paths' ? undefined : contract.byId.get(s.operationId);
      const arb = fc.oneof(...families(s, op).map((f) => f.arb));
      for (const f of fc.sample(arb, { seed: 26, numRuns: 3000 })) {
        const path = new URL(`http://x/api/v1${f.req.path}`).pathname;
        expect(path.startsWith('/api/v1/'), f.req.path).toBe(true);
        expect(
          path
            .split('/')
            .slice(3)
            .every((seg) => seg !== ''),
          `${f.req.path} → ${path}`,
        ).toBe(true);
      }
    }
  });

  it('send, within the default budget, the classics that real servers crash on', () => {
    const all = cells({ embedded: true, mutations: 'all' });
    const classics = (op: OperationId, fuzz: string) => {
      const s = all.find((c) => c.operationId === op && c.fuzz === fuzz)!;
      return classicsOf(families(s, contract.byId.get(op)), s.runs).map((f) => f.req);
    };
    expect(classics('getRule', 'ids').map((r) => r.path)).toContain(
      contract.byId.get('getRule')!.path.replace(/\{[^}]+\}/, 'rule_%00'),
    );
    for (const op of ['listTransfers', 'listRuleExecutions', 'listCardTransactions'] as const)
      expect(classics(op, 'query').map((r) => r.rawQuery)).toContain('first=1&first=2');
    const bodies = classics('createTransfer', 'body');
    expect(bodies.some((r) => r.omitContentType)).toBe(true);
    expect(bodies.some((r) => r.headers['Content-Type'] === 'application/json; charset=latin1')).toBe(true);
    const trigger = classics('triggerRule', 'body').map((r) => r.rawBody ?? '');
    expect(trigger.some((b) => /"(\w+)":1,"\1":2/.test(b))).toBe(true);
  });

  it('shrink a failing input to a small one and report it, reproducibly', async () => {
    const s = cells({ embedded: true, mutations: 'all' }).find(
      (c) => c.operationId === 'getAccount' && c.fuzz === 'ids',
    )!;
    // A target that crashes on any ID holding a percent-encoded slash, long or short.
    const crashOnSlash = (req: RequestSpec) =>
      /%2F/i.test(req.path) ? answer(500, { error: { code: 'internal', message: 'x' } }) : notFound();
    const first = await runCell({ ...s, runs: 40 }, crashOnSlash);
    const again = await runCell({ ...s, runs: 40 }, crashOnSlash);
    expect(first.reported).toHaveLength(1);
    expect(first.reported[0]!.clauses).toEqual(['C-BODY-3']);
    expect(first.reported).toEqual(again.reported);
    const id = first.reported[0]!.req.path.split('/').pop()!;
    expect(id).toMatch(/%2F/i);
    expect(id.length).toBeLessThanOrEqual(12);
  });

  it('a target that stops answering leaves the cell unjudged, not passed', async () => {
    const s = cells({ embedded: true, mutations: 'all' }).find((c) => c.fuzz === 'headers')!;
    await expect(
      robustness.run(s, {
        ctx: { contract } as EngineContext,
        send: async () => {
          throw new TargetError('connection', 'connection refused');
        },
        judged: async () => {
          throw new TargetError('connection', 'connection refused');
        },
        report: () => {},
      }),
    ).rejects.toBeInstanceOf(TargetError);
  });
});

describe('robustness against the mock and its robustness mutants (default budget, seed 1)', () => {
  const robustnessMutants = MUTANTS.filter(
    (m) => m.id.endsWith('-crashes') && m.id !== 'amount-string-crashes' && m.id !== 'long-query-value-crashes',
  );

  async function findings(parts: unknown) {
    const run = await prepareRun({ seed: 1, only: 'robustness', ...(parts ? { mock: { parts } } : {}) });
    try {
      const out = await executeRun(run);
      return out.results.flatMap((r) =>
        r.findings.map((f) => `${f.check} ${f.clause} ${f.curl.replace(/127\.0\.0\.1:\d+/, 'HOST')}`),
      );
    } finally {
      await run.close();
    }
  }

  it('the reference mock gets no finding', async () => {
    expect(await findings(undefined)).toEqual([]);
  });

  it.each(robustnessMutants.map((m) => [m.id, m] as const))('%s is found, the same way twice', async (_, m) => {
    const a = await findings(m.parts);
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((f) => f.startsWith('robust_on_unusual_requests C-BODY-3'))).toBe(true);
    expect(await findings(m.parts)).toEqual(a);
  });

  it('covers a crash on each kind of input', () => {
    expect(robustnessMutants.map((m) => m.id).sort()).toEqual(
      [
        'accept-header-crashes',
        'deep-body-crashes',
        'id-with-slash-crashes',
        'method-not-allowed-crashes',
        'non-finite-amount-crashes',
        'repeated-query-crashes',
      ].sort(),
    );
  });
});
