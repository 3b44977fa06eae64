/**
 * The suite against hostile targets: a correct server (the reference mock) behind a proxy that
 * injects one kind of fault. Whatever the target does, every selected cell ends in exactly one
 * state with why, the waits end within their budgets, the exit code follows from the states,
 * and the headline never says PASS on a run that is not wholly judged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mock/serve.ts';
import { isMisuse } from '../../openapi/errors.ts';
import { buildReport, type ComplianceReport } from '../../reports/model.ts';
import { renderSummary } from '../../reports/renderers/summary.ts';
import { executeRun, type RunOutcome } from '../run.ts';
import { prepareRun, type PreparedRun, type RunOptions } from '../target.ts';
import {
  faults,
  GATEWAY_HTML,
  startHostileProxy,
  type FaultRule,
  type HostileProxy,
  type SeenRequest,
} from './proxy.ts';

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'seqconform-hostile-'));
});
afterAll(async () => {
  await mock?.close();
});

interface Through {
  run: PreparedRun;
  outcome: RunOutcome;
  report: ComplianceReport;
  proxy: HostileProxy;
  headline: string;
  seconds: number;
}

let profiles = 0;

/** Prepares and runs the suite against the mock behind a proxy with `rules`. */
async function through(rules: FaultRule[], opts: Omit<RunOptions, 'profileFile'> = {}): Promise<Through> {
  const proxy = await startHostileProxy(mock.baseUrl, rules);
  const file = join(dir, `profile-${++profiles}.json`);
  writeFileSync(file, JSON.stringify({ ...mock.profile, base_url: proxy.baseUrl, mutations: 'denied-only' }));
  const t0 = performance.now();
  try {
    const run = await prepareRun({ profileFile: file, requestTimeoutMs: 1500, ...opts });
    const outcome = await executeRun(run, { health: run.health });
    const report = buildReport(run.meta, outcome.results, outcome.stopped ? { stopped: outcome.stopped } : {});
    await run.close();
    return {
      run,
      outcome,
      report,
      proxy,
      headline: renderSummary(report).split('\n')[0]!,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await proxy.close();
  }
}

/** The accounting invariant, and a headline that agrees with the exit code. */
function expectAccounted(t: Through): void {
  const s = t.report.summary;
  expect(t.report.accounting).toMatchObject({ ok: true, problems: [] });
  expect(s.selected).toBe(t.run.cases.length + t.run.scenarios.length + t.run.discovery.length);
  expect(s.passed + s.failed + s.warnings + s.accepted + s.errors + s.not_sent).toBe(s.selected);
  for (const row of t.report.cases) {
    if (row.verdict === 'error') expect(row.target_error, row.case_id).toBeTruthy();
    if (row.verdict === 'not_sent') expect(row.not_sent, row.case_id).toBeTruthy();
  }
  expect(t.headline.startsWith(`seqconform ${t.report.outcome.outcome}`)).toBe(true);
  if (t.report.outcome.exit !== 0) expect(t.headline).not.toMatch(/PASS/);
  if (t.report.outcome.exit === 2) expect(t.report.outcome.outcome).toBe('INCOMPLETE');
}

const isCard = (s: SeenRequest) => /\/cards\/card_[^/]+$/.test(s.path);
const ONLY = 'getCard,listCardTransactions,listTransfers,page_walk';

describe('a correct server behind the proxy', () => {
  it('passes: every cell judged, exit 0', async () => {
    const t = await through([], { only: ONLY });
    expectAccounted(t);
    expect(t.report.outcome).toMatchObject({ outcome: 'PASS', exit: 0 });
    expect(t.report.summary.selected).toBeGreaterThan(100);
  }, 60_000);
});

describe('bodies', () => {
  it('a body that never ends: the cells are target errors after --request-timeout, the run goes on', async () => {
    const t = await through([{ when: (s) => isCard(s) && s.n % 2 === 0, fault: faults.endlessBody() }], {
      only: 'getCard',
      requestTimeoutMs: 800,
    });
    expectAccounted(t);
    const errors = t.report.cases.filter((c) => c.verdict === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.target_error).toMatch(/no complete answer within 0.8 s/);
    expect(t.report.outcome).toMatchObject({ exit: 2, outcome: 'INCOMPLETE' });
  }, 60_000);

  it('a 60 MB body: a target error at the size cap, and no more than the cap is read', async () => {
    const t = await through([{ when: (s) => isCard(s) && s.n % 3 === 0, fault: faults.hugeBody(60) }], {
      only: 'getCard',
      maxResponseBytes: 2 * 1024 * 1024,
    });
    expectAccounted(t);
    const errors = t.report.cases.filter((c) => c.verdict === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.target_error).toMatch(/larger than 2097152 bytes/);
    // Each oversized answer stops being read soon after the cap: far less than 60 MB each was sent.
    expect(t.proxy.bytesOut / errors.length).toBeLessThan(20 * 1024 * 1024);
  }, 60_000);

  it('non-JSON and null bodies in the middle of page walks are C-BODY-1 findings of the walk, not lost cells', async () => {
    let second = 0;
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/transfers') && s.query.has('after'),
          fault: (s, kit) =>
            ++second % 2
              ? faults.answer(200, { 'content-type': 'text/html' }, '<html>oops</html>')(s, kit)
              : faults.answer(200, { 'content-type': 'application/json' }, 'null')(s, kit),
        },
      ],
      { only: 'page_walk/listTransfers' },
    );
    expectAccounted(t);
    const walks = t.report.failures.filter((f) => f.check === 'pages_walk_exact' && f.clause === 'C-BODY-1');
    expect(walks.length).toBeGreaterThan(0);
    expect(walks.map((f) => f.message).join('\n')).toMatch(/not JSON|null/);
    expect(t.report.outcome).toMatchObject({ outcome: 'FAIL', exit: 1 });
  }, 60_000);
});

describe('bodies that would exhaust memory or the stack', () => {
  it('a list body of a few hundred thousand empty objects is a C-BODY-1 finding, not parsed', async () => {
    const bomb = `{"data":[${'{},'.repeat(200_000)}{}]}`;
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/cards') && s.query.has('account_id') && s.n > 30,
          fault: faults.answer(200, { 'content-type': 'application/json' }, bomb),
        },
      ],
      { only: 'listCards' },
    );
    expectAccounted(t);
    expect(
      t.report.failures.some(
        (f) =>
          f.check === 'content_type_json' &&
          /holds \d+ objects and arrays, far beyond any body of the contract/.test(f.message),
      ),
    ).toBe(true);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('JSON nested 100,000 deep where discovery expects a list: a C-BODY-1 finding that says why, and a report', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    // The probes read GET /accounts once per live key; the reads after them are discovery's and the cells'.
    const probes = mock.profile.keys.filter((k) => !k.revoked).length;
    let accounts = 0;
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/accounts') && !!s.headers.authorization && ++accounts > probes,
          fault: faults.answer(200, { 'content-type': 'application/json' }, deep),
        },
      ],
      { only: 'listAccounts' },
    );
    expectAccounted(t);
    expect(
      t.report.failures.some(
        (f) =>
          f.check === 'discovery_consistent' &&
          f.operation_id === 'listAccounts' &&
          /nests objects and arrays 100000 deep/.test(f.message),
      ),
    ).toBe(true);
    expect(
      t.report.failures.some(
        (f) => f.check === 'content_type_json' && /nests objects and arrays 100000 deep/.test(f.message),
      ),
    ).toBe(true);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('a cursor that is a nested list: a C-LIST-3 finding of discovery, and a report', async () => {
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/transfers') && s.method === 'GET' && !s.query.has('after'),
          fault: faults.rewrite((json) => ({ ...json, page_info: { has_next_page: true, end_cursor: [[[[1]]]] } })),
        },
      ],
      {
        only: 'listTransfers',
      },
    );
    expectAccounted(t);
    expect(
      t.report.failures.some(
        (f) => f.check === 'discovery_consistent' && /has_next_page: true without an end_cursor/.test(f.message),
      ),
    ).toBe(true);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);
});

describe('connections', () => {
  it('a slow GET /accounts is not misuse: the probes stop at the first timeout and the cells judge', async () => {
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/accounts') && !s.query.size,
          fault: async (_s, kit) => {
            await new Promise((r) => setTimeout(r, 700));
            const u = await kit.forward();
            kit.send(u.status, u.headers, u.body);
          },
        },
      ],
      {
        only: 'getCard',
        requestTimeoutMs: 500,
      },
    );
    expectAccounted(t);
    expect(t.outcome.stopped).toBeUndefined();
    expect(t.report.summary.passed).toBeGreaterThan(0);
  }, 60_000);

  it('one operation slower than the deadline does not open the breaker: its cells are target errors, the others are judged', async () => {
    const t = await through(
      [
        {
          when: (s) => isCard(s),
          fault: async (_s, kit) => {
            await new Promise((r) => setTimeout(r, 900));
            const u = await kit.forward();
            kit.send(u.status, u.headers, u.body);
          },
        },
      ],
      {
        only: 'getCard,listTransfers,getAccount',
        requestTimeoutMs: 600,
      },
    );
    expectAccounted(t);
    expect(t.outcome.stopped).toBeUndefined();
    expect(t.report.cases.filter((c) => c.operation_id === 'getCard' && c.verdict === 'error').length).toBeGreaterThan(
      16,
    );
    expect(t.report.cases.filter((c) => c.operation_id === 'getAccount').every((c) => c.verdict === 'pass')).toBe(true);
  }, 120_000);

  it('a target that hangs on some reads: timeouts are target errors, bounded by the deadline', async () => {
    const t = await through([{ when: (s) => isCard(s) && s.n % 4 === 0, fault: faults.hang() }], {
      only: 'getCard',
      requestTimeoutMs: 600,
    });
    expectAccounted(t);
    expect(t.report.summary.errors).toBeGreaterThan(0);
    expect(t.report.outcome.exit).toBe(2);
  }, 60_000);

  it('resets on first attempts are retried; reads that always reset are target errors', async () => {
    const tries = new Map<string, number>();
    let always: string | undefined;
    const t = await through(
      [
        {
          when: (s) => {
            if (!isCard(s)) return false;
            always ??= s.path;
            const k = `${s.path}|${s.headers.authorization ?? ''}|${s.headers['x-request-id'] ?? ''}`;
            tries.set(k, (tries.get(k) ?? 0) + 1);
            return s.path === always || tries.get(k) === 1;
          },
          fault: faults.reset(),
        },
      ],
      { only: 'getCard' },
    );
    expectAccounted(t);
    const errors = t.report.cases.filter((c) => c.verdict === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors
        .map((c) => `${c.kind}: ${c.target_error}`)
        .filter((m) => !/^case: .*ECONNRESET.*\(after 3 attempts\)$|^discovery: .*\(after 2 attempts\)$/.test(m)),
    ).toEqual([]);
    expect(t.report.summary.passed).toBeGreaterThan(0);
  }, 60_000);

  it('a backend that dies mid-run: the breaker stops sending, the rest are not sent, the partial report says so first', async () => {
    let dead = false;
    const t = await through(
      [
        {
          when: (s) => {
            if (s.n === 400) dead = true;
            return dead;
          },
          fault: faults.reset(),
        },
      ],
      { only: ONLY, health: { breakerThreshold: 10 } },
    );
    expectAccounted(t);
    expect(t.outcome.stopped).toMatch(/the target stopped answering: 10 consecutive connection failures/);
    expect(t.report.stopped).toBe(t.outcome.stopped);
    expect(t.report.summary.not_sent).toBeGreaterThan(0);
    expect(t.report.outcome).toMatchObject({ outcome: 'INCOMPLETE', exit: 2 });
    expect(renderSummary(t.report).split('\n')[0]).toMatch(
      /^seqconform INCOMPLETE: partial report: the target stopped answering/,
    );
    // After it died, only the requests in flight and their retries were sent, not thousands.
    const afterDeath = t.proxy.seen.length - 399;
    expect(afterDeath).toBeLessThan(80);
  }, 60_000);
});

describe('rate limits (C-RATE-1)', () => {
  it('429 storms without Retry-After: back-off within --max-wait, then not sent, never a failure', async () => {
    const t = await through(
      [
        {
          when: (s) => isCard(s),
          fault: faults.answer(
            429,
            { 'content-type': 'application/json' },
            '{"error":{"code":"rate_limited","message":"slow down"}}',
          ),
        },
      ],
      {
        only: 'getCard',
        health: { maxWaitMs: 3000 },
      },
    );
    expectAccounted(t);
    expect(t.report.summary.failed).toBe(0);
    expect(t.report.summary.not_sent).toBeGreaterThan(0);
    expect(t.report.cases.find((c) => c.verdict === 'not_sent')!.not_sent).toMatch(/429|wait budget/);
    expect(t.outcome.waitedSeconds).toBeLessThanOrEqual(3.2);
    expect(t.report.outcome).toMatchObject({ outcome: 'INCOMPLETE', exit: 2 });
  }, 60_000);

  it('Retry-After: 0 forever: short, growing pauses, a bounded number of requests, then not sent', async () => {
    const t = await through(
      [
        {
          when: (s) => isCard(s),
          fault: faults.answer(
            429,
            { 'retry-after': '0', 'content-type': 'application/json' },
            '{"error":{"code":"rate_limited","message":"now"}}',
          ),
        },
      ],
      {
        only: 'getCard',
        health: { maxWaitMs: 4000 },
      },
    );
    expectAccounted(t);
    const cards = t.proxy.seen.filter((s) => isCard(s)).length;
    const cells = t.run.cases.length + t.run.discovery.filter((d) => d.operation_id === 'getCard').length;
    expect(cards / Math.max(cells, 1)).toBeLessThanOrEqual(11 + 1);
    expect(t.run.health.spentMs).toBeGreaterThan(500);
    expect(t.run.health.spentMs).toBeLessThanOrEqual(4100);
    expect(t.report.summary.failed).toBe(0);
    expect(t.report.summary.not_sent).toBeGreaterThan(0);
  }, 60_000);

  it('Retry-After: 3600 is not waited: the cells end as not sent at once', async () => {
    const t = await through(
      [
        {
          when: (s) => isCard(s),
          fault: faults.answer(
            429,
            { 'retry-after': '3600', 'content-type': 'application/json' },
            '{"error":{"code":"rate_limited","message":"later"}}',
          ),
        },
      ],
      {
        only: 'getCard',
      },
    );
    expectAccounted(t);
    expect(t.seconds).toBeLessThan(30);
    expect(t.report.cases.find((c) => c.verdict === 'not_sent')!.not_sent).toMatch(
      /Retry-After 3600 s, more than the \d+ s left of the run's wait budget/,
    );
    expect(t.report.summary.failed).toBe(0);
  }, 60_000);

  it('Retry-After as an HTTP date is waited until that date, then the cell is judged', async () => {
    let limited = 0;
    const t = await through(
      [
        {
          when: (s) => isCard(s) && limited < 3 && ++limited > 0,
          fault: (s, kit) =>
            faults.answer(
              429,
              { 'retry-after': new Date(Date.now() + 3000).toUTCString(), 'content-type': 'application/json' },
              '{"error":{"code":"rate_limited","message":"later"}}',
            )(s, kit),
        },
      ],
      { only: 'getCard' },
    );
    expectAccounted(t);
    expect(t.report.outcome).toMatchObject({ outcome: 'PASS', exit: 0 });
    // An HTTP date 3 s ahead (1 s resolution) asks for at least 2 s; back-off without it would be under 0.5 s.
    expect(t.run.health.spentMs).toBeGreaterThan(1900);
  }, 60_000);
});

describe('gateways', () => {
  it('a transient 503 on a read is retried and the cell judged on the answer that follows', async () => {
    const once = new Set<string>();
    const t = await through(
      [
        {
          when: (s) => isCard(s) && !once.has(s.path) && once.add(s.path) !== undefined,
          fault: faults.answer(503, { 'content-type': 'text/html' }, GATEWAY_HTML),
        },
      ],
      { only: 'getCard' },
    );
    expectAccounted(t);
    expect(t.report.outcome).toMatchObject({ outcome: 'PASS', exit: 0 });
  }, 60_000);

  it('a persistent 502 HTML page on a read is a C-BODY-3 finding', async () => {
    const t = await through(
      [
        {
          when: (s) => isCard(s) && s.path.endsWith('1'),
          fault: faults.answer(502, { 'content-type': 'text/html' }, GATEWAY_HTML),
        },
      ],
      { only: 'getCard' },
    );
    expectAccounted(t);
    expect(t.report.failures.some((f) => f.clause === 'C-BODY-3' && f.check === 'no_5xx')).toBe(true);
    expect(t.report.outcome).toMatchObject({ outcome: 'FAIL', exit: 1 });
  }, 60_000);
});

describe('discovery reports what it meets instead of stopping the run', () => {
  it('items listed but unreadable: findings with clauses, a report, exit 1', async () => {
    const t = await through(
      [
        {
          when: (s) => isCard(s) && !s.headers['x-request-id'],
          fault: faults.answer(
            404,
            { 'content-type': 'application/json' },
            '{"error":{"code":"resource_not_found","message":"no such card"}}',
          ),
        },
      ],
      { only: 'getCard' },
    );
    expectAccounted(t);
    const d = t.report.failures.filter((f) => f.check === 'discovery_consistent' && f.operation_id === 'getCard');
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]!.clause).toBe('C-PERM-5');
    expect(d[0]!.message).toMatch(/is listed by listCards, but key .* got 404/);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('a null body where discovery expects a list: a C-BODY-1 finding of that step, and the run goes on', async () => {
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/rule-executions') && s.n % 2 === 0,
          fault: faults.answer(200, { 'content-type': 'application/json' }, 'null'),
        },
      ],
      { only: 'listRuleExecutions' },
    );
    expectAccounted(t);
    const d = t.report.failures.filter(
      (f) => f.check === 'discovery_consistent' && f.operation_id === 'listRuleExecutions',
    );
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]).toMatchObject({ clause: 'C-BODY-1' });
    expect(d[0]!.message).toMatch(/answered 200 with null, not a JSON object/);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('an ID that is not well-formed Unicode (a lone surrogate): a C-BODY-1 finding, and the run goes on', async () => {
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/cards') && s.query.has('account_id'),
          fault: faults.rewrite((json) => ({
            ...json,
            data: [...((json.data as unknown[]) ?? []), { id: 'card_\ud800x' }],
          })),
        },
      ],
      { only: 'getCard,listCards' },
    );
    expectAccounted(t);
    expect(
      t.report.failures.some((f) => f.check === 'discovery_consistent' && /not well-formed Unicode/.test(f.message)),
    ).toBe(true);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('a page size the contract allows refused: a C-VAL-2 finding, and discovery goes on with the default size', async () => {
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/transactions') && s.query.get('first') === '100',
          fault: faults.answer(
            400,
            { 'content-type': 'application/json' },
            '{"error":{"code":"invalid_request","message":"first too large"}}',
          ),
        },
      ],
      { only: 'listCardTransactions' },
    );
    expectAccounted(t);
    expect(
      t.report.failures.some(
        (f) =>
          f.check === 'discovery_consistent' &&
          f.clause === 'C-VAL-2' &&
          /first=100 is a page size the contract allows/.test(f.message),
      ),
    ).toBe(true);
    expect(t.run.inventory.orgs.some((o) => o.cardTransactions.length > 0)).toBe(true);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('pages that never end (has_next_page forever, the same cursor): a C-LIST-3 finding, bounded', async () => {
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/transfers') && s.method === 'GET',
          fault: faults.rewrite(
            (json) => ({ ...json, page_info: { has_next_page: true, end_cursor: 'the-same-cursor' } }),
            true,
          ),
        },
      ],
      { only: 'listTransfers' },
    );
    expectAccounted(t);
    expect(
      t.report.failures.some(
        (f) =>
          f.check === 'discovery_consistent' &&
          f.clause === 'C-LIST-3' &&
          /end_cursor it had given before/.test(f.message),
      ),
    ).toBe(true);
    expect(t.proxy.seen.length).toBeLessThan(3000);
    expect(t.report.outcome.exit).toBe(1);
  }, 60_000);

  it('pages that never end with new cursors: the walk stops at --max-pages and says so', async () => {
    let k = 0;
    const t = await through(
      [
        {
          when: (s) => s.path.endsWith('/transfers') && s.method === 'GET' && s.query.get('first') === '100',
          fault: faults.rewrite(
            (json) => ({ ...json, page_info: { has_next_page: true, end_cursor: `c${++k}` } }),
            true,
          ),
        },
      ],
      { only: 'listTransfers', maxPages: 5 },
    );
    expectAccounted(t);
    expect(t.report.coverage.inventory.problems.some((p) => /stopped at 5 pages/.test(p))).toBe(true);
  }, 60_000);

  it('a base URL that is not this API is misuse that names the likely cause, before any cell', async () => {
    const proxy = await startHostileProxy(mock.baseUrl, [
      { when: () => true, fault: faults.answer(404, { 'content-type': 'text/html' }, '<html>Not Found</html>') },
    ]);
    const file = join(dir, 'not-api.json');
    writeFileSync(file, JSON.stringify({ ...mock.profile, base_url: proxy.baseUrl.replace('/api/v1', '') }));
    try {
      const e = await prepareRun({ profileFile: file }).catch((x: unknown) => x);
      expect(isMisuse(e, 'TARGET_NOT_THIS_API')).toBe(true);
      expect(String((e as Error).message)).toMatch(
        /answered 404 \(text\/html, not JSON\) with and without a key.*version path/,
      );
      expect(proxy.seen.length).toBe(1 + mock.profile.keys.filter((k) => !k.revoked).length);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
