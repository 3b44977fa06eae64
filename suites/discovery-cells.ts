/**
 * Discovery judged: one cell per discovered organization and GET operation, passed when
 * discovery met nothing wrong there, failed with the breaches it met (each citing its clause),
 * a target error or not sent when its requests got no answer.
 */
import { contentId } from '../generators/matrix.ts';
import type { Inventory } from '../generators/inventory.ts';
import type { SecretStore } from '../generators/profile.ts';
import type { CaseResult, Finding } from './results.ts';
import { DISCOVERY_CHECK as DISCOVERY } from './checks/index.ts';
import { curlOf } from './transport.ts';

/** The check id discovery findings carry. */
export const DISCOVERY_CHECK = DISCOVERY.id;

/** The id of the discovery cell of `org` and `operationId`. */
export function discoveryCellId(org: string, operationId: string): string {
  return contentId('d', { org, operationId, kind: 'discovery' });
}

/** The discovery cells of an inventory, judged. */
export function discoveryResults(inventory: Inventory, baseUrl: string, secrets: SecretStore): CaseResult[] {
  return inventory.steps.map((step) => {
    const id = discoveryCellId(step.org, step.operationId);
    const resource = `organization ${step.org}`;
    const findings: Finding[] = inventory.findings
      .filter((f) => f.org === step.org && f.operationId === step.operationId)
      .map((f) => ({
        case_id: id,
        check: DISCOVERY_CHECK,
        clause: f.clause,
        level: 'must',
        operation_id: step.operationId,
        key_id: f.keyId,
        resource,
        variant: 'discovery',
        expected: f.expected,
        actual: f.actual,
        message: secrets.redact(f.message),
        curl: curlOf(
          baseUrl,
          { method: 'GET', path: f.request.path, query: f.request.query, headers: {} },
          { credential: 'key', keyId: f.keyId },
        ),
      }));
    const failure = inventory.failures.find((f) => f.org === step.org && f.operationId === step.operationId);
    const base = {
      case_id: id,
      kind: 'discovery' as const,
      group: 'discovery' as const,
      operation_id: step.operationId,
      key_id: step.keyId,
      credential: 'key',
      resource,
      variant: 'discovery',
      expected: {
        status: 200,
        code: null,
        clause: step.clause,
        because: `discovery with key ${step.keyId}, which sees everything of ${step.org}, reads every item consistently`,
        level: 'must' as const,
      },
      actual: null,
      findings,
      checks: [DISCOVERY_CHECK],
      duration_ms: 0,
      rate_limited: 0,
    };
    if (findings.length) return { ...base, verdict: 'fail' };
    if (failure)
      return failure.notSent
        ? { ...base, verdict: 'not_sent', not_sent: secrets.redact(failure.message) }
        : { ...base, verdict: 'error', target_error: secrets.redact(failure.message) };
    return { ...base, verdict: 'pass' };
  });
}
