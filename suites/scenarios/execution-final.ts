/**
 * Final execution statuses stay final (C-STATE-2: an execution is `in_progress` until it reaches
 * `executed`, `partial` or `failed`): each execution discovery saw in a final status, read again
 * twice, still has that status. Read-only, so it runs under every mutations policy.
 */
import type { Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import type { Schemas } from '../../openapi/types.ts';
import type { Violation } from '../checks/types.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { dataOf, get, must } from './steps.ts';

const FINAL = ['executed', 'partial', 'failed'];

/** Executions of one organization that discovery saw in a final status. */
export interface ExecutionFinal extends Scenario {
  kind: 'execution_final';
  executions: Array<{ id: string; status: string; path: string }>;
  clause: 'C-STATE-2';
}

function build(ctx: MatrixCtx): ExecutionFinal[] {
  const read = ctx.contract.operations.find((o) => o.operationId === 'getRuleExecution');
  if (!read) return [];
  return ctx.inv.orgs.flatMap((o) => {
    const executions = o.executions
      .filter((e) => FINAL.includes(String(e.status)))
      .slice(0, 5)
      .map((e) => ({ id: e.id, status: String(e.status), path: read.path.replace('{id}', encodeURIComponent(e.id)) }));
    if (!executions.length) return [];
    return [
      {
        id: contentId('s', { kind: 'execution_final', key: o.keyId, executions: executions.map((e) => e.id) }),
        kind: 'execution_final' as const,
        operationId: read.operationId,
        keyId: o.keyId,
        path: executions[0]!.path,
        executions,
        clause: 'C-STATE-2' as const,
      },
    ];
  });
}

async function run(s: ExecutionFinal, { send, report }: Steps): Promise<void> {
  for (const e of s.executions)
    for (let read = 1; read <= 2; read++) {
      const req = get(e.path);
      const res = await send(req, s.keyId);
      const now = dataOf<Schemas['RuleExecution']>(res)?.status;
      const vs: Violation[] = [];
      if (res.status === 200 && now !== e.status)
        vs.push(
          must(
            'C-STATE-2',
            `execution ${e.id} was ${e.status} when discovered and is ${String(now)} on read ${read}: a final status never changes`,
            e.status,
            now ?? null,
          ),
        );
      if (vs.length) {
        report(vs, req, { credential: 'key', keyId: s.keyId });
        break;
      }
    }
}

export default defineScenarioKind({
  kind: 'execution_final',
  check: {
    id: 'execution_status_final',
    clauses: ['C-STATE-2'],
    description: 'An execution in executed, partial or failed keeps that status on every later read.',
  },
  group: 'state',
  writes: 'none',
  build,
  resource: (s) => s.executions.map((e) => e.id).join(', '),
  requests: (s) => 2 * s.executions.length,
  because: () => 'an execution is in_progress until it reaches executed, partial or failed, and then stays there',
  run,
});
