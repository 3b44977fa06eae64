/**
 * The oracle: the one pure function that decides what a conforming server answers for a cell.
 * Nothing else in the project decides allow or deny. It follows the contract's order: 401,
 * scope 403, validation 400, request-addressed 403, existence 404, object-addressed 403, state
 * rules, success. What each operation checks comes from its `x-permission` and `x-effect`.
 */
import type { ClauseId } from '../openapi/clauses.ts';
import type { Operation } from '../openapi/types.ts';
import { isValidRequestId, type Expectation, type KeyView, type ResourceRef, type Variant } from './case-types.ts';

const WILDCARD = '*';

/**
 * Expected outcome of `op` called by `key` (null when the credential is not a profile key) on
 * `resource` with `variant`.
 */
export function expectOutcome(
  op: Operation,
  key: KeyView | null,
  resource: ResourceRef,
  variant: Variant,
): Expectation {
  const auth = authenticate(key, variant);
  if (auth) return auth;
  const k = key as KeyView;
  const perm = op.permission;
  const entries = k.permissions.filter((e) => e.scope === perm.scope);
  const idInvalid = variant.requestId !== undefined && !isValidRequestId(variant.requestId);
  const should = variant.credential === 'lowercase' || idInvalid;
  const level = should ? 'should' : 'must';
  const clauseIfShould = (c: ClauseId): ClauseId =>
    variant.credential === 'lowercase' ? 'C-AUTH-2' : idInvalid ? 'C-REQID-4' : c;
  const out = (e: Omit<Expectation, 'level'>): Expectation => ({ ...e, clause: clauseIfShould(e.clause), level });

  if (entries.length === 0)
    return out({
      status: 403,
      code: 'forbidden',
      clause: 'C-PERM-3',
      step: 'scope',
      because: `key ${k.id} holds no ${perm.scope} entry`,
    });

  if (variant.defect)
    return out({
      status: 400,
      code: 'invalid_request',
      clause: variant.defect.clause,
      step: 'validation',
      because: `request is malformed (${variant.defect.name})`,
    });

  const ids = entries.flatMap((e) => (e.resources ?? []).filter((r): r is string => typeof r === 'string'));
  const covers = (id: string) => ids.includes(WILDCARD) || ids.includes(id);

  if (perm.addressing === 'request') {
    if (resource.kind === 'id') {
      if (!covers(resource.ref.id))
        return out({
          status: 403,
          code: 'forbidden',
          clause: resource.ref.wrongShape ? 'C-FOUND-2' : 'C-PERM-4',
          step: 'request_resource',
          because: `${resource.ref.id} is not in key ${k.id}'s ${perm.scope} list`,
        });
    } else if (resource.kind === 'pair') {
      const pairs = entries.flatMap((e) =>
        (e.resources ?? []).filter(
          (r): r is { source: string; target: string; max_amount?: number } => typeof r === 'object',
        ),
      );
      const fits = pairs.some(
        (p) =>
          (p.source === WILDCARD || p.source === resource.source.id) &&
          (p.target === WILDCARD || p.target === resource.target.id) &&
          (p.max_amount === undefined || resource.amount <= p.max_amount),
      );
      if (!fits)
        return out({
          status: 403,
          code: 'forbidden',
          clause: 'C-PERM-6',
          step: 'request_resource',
          because: `no ${perm.scope} entry of key ${k.id} allows ${resource.source.id} -> ${resource.target.id} for ${resource.amount} cents`,
        });
    } else {
      throw new Error(`oracle: ${op.operationId} is request-addressed but the cell's resource is ${resource.kind}`);
    }
    const missing = resource.kind === 'id' ? [resource.ref] : [resource.source, resource.target];
    for (const r of missing) if (r.org !== k.org) return out(notFound(r.id, r.org, k.org, r.wrongShape));
  }

  if (perm.addressing === 'object') {
    if (resource.kind !== 'object')
      throw new Error(`oracle: ${op.operationId} is object-addressed but the cell's resource is ${resource.kind}`);
    if (resource.org !== k.org) return out(notFound(resource.id, resource.org, k.org, resource.wrongShape));
    if (!resource.links.some(covers))
      return out({
        status: 403,
        code: 'forbidden',
        clause: 'C-PERM-5',
        step: 'object_resource',
        because: `${resource.id} links to ${resource.links.join(' and ')}, none in key ${k.id}'s ${perm.scope} list`,
      });
  }

  const effect = op.effect;
  if (effect?.creates === 'rule_execution' && resource.kind === 'id') {
    if (variant.manualAmount && resource.ref.trigger_type !== undefined && resource.ref.trigger_type !== 'MANUAL')
      return out({
        status: 400,
        code: 'invalid_request',
        clause: 'C-VAL-4',
        step: 'validation',
        because: `manual_execute_amount on a ${resource.ref.trigger_type} rule`,
      });
    if (resource.ref.status === 'disabled')
      return out({
        status: 409,
        code: 'rule_disabled',
        clause: 'C-STATE-3',
        step: 'state',
        because: `rule ${resource.ref.id} is disabled`,
      });
  }

  const status = effect?.status ?? 200;
  if (variant.edge)
    return out({
      status,
      code: null,
      clause: variant.edge.clause,
      step: 'allow',
      because: `${variant.edge.name} is well-formed and must be accepted; ${allowBecause(op, k, resource)}`,
    });
  return out({ status, code: null, clause: successClause(op), step: 'allow', because: allowBecause(op, k, resource) });
}

function authenticate(key: KeyView | null, variant: Variant): Expectation | null {
  const deny = (because: string): Expectation => ({
    status: 401,
    code: 'unauthorized',
    clause: 'C-AUTH-1',
    level: 'must',
    step: 'auth',
    because,
  });
  switch (variant.credential) {
    case 'none':
      return deny('no Authorization header');
    case 'empty':
      return deny('empty API key');
    case 'bearer':
    case 'basic':
      return deny(`${variant.credential === 'bearer' ? 'Bearer' : 'Basic'} is not the ApiKey scheme`);
    case 'unknown':
      return deny('the server does not know this key');
    case 'suffixed':
    case 'truncated':
      return deny(
        `a valid secret ${variant.credential === 'suffixed' ? 'with a character added' : 'less its last character'} is a key the server does not know`,
      );
    case 'key':
    case 'lowercase':
      if (!key) throw new Error(`oracle: credential ${variant.credential} needs a key`);
      return key.revoked ? deny(`key ${key.id} is revoked`) : null;
  }
}

function notFound(id: string, owner: string | null, keyOrg: string, wrongShape = false): Omit<Expectation, 'level'> {
  return owner === null
    ? {
        status: 404,
        code: 'resource_not_found',
        clause: wrongShape ? 'C-FOUND-2' : 'C-FOUND-1',
        step: 'existence',
        because: wrongShape ? `${id} is not an ID of the right shape, so it exists nowhere` : `${id} does not exist`,
      }
    : {
        status: 404,
        code: 'resource_not_found',
        clause: 'C-ORG-1',
        step: 'existence',
        because: `${id} belongs to organization ${owner}, not ${keyOrg}`,
      };
}

function successClause(op: Operation): ClauseId {
  if (op.effect) return op.effect.clauses[0] ?? 'C-PERM-1';
  if (op.permission.addressing === 'none') return 'C-PERM-2b';
  // Object-addressed reads are allowed by a linked ID in the list, either one sufficing (C-PERM-5).
  if (op.permission.addressing === 'object') return 'C-PERM-5';
  return 'C-PERM-1';
}

function allowBecause(op: Operation, key: KeyView, resource: ResourceRef): string {
  const scope = op.permission.scope;
  switch (resource.kind) {
    case 'none':
      return `key ${key.id} holds ${scope}`;
    case 'id':
      return `key ${key.id}'s ${scope} list covers ${resource.ref.id}, which exists in its organization`;
    case 'object':
      return `${resource.id} exists in key ${key.id}'s organization and links to an ID its ${scope} list covers`;
    case 'pair':
      return `a ${scope} entry of key ${key.id} allows ${resource.source.id} -> ${resource.target.id} for ${resource.amount} cents`;
  }
}
