/**
 * The one ajv instance of the suite (strict, see `openapi/ajv.ts`). Response validators are
 * compiled once per (operation, status) from the dereferenced contract and cached.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../openapi/ajv.ts';
import type { Contract, OperationId } from '../openapi/types.ts';

/** Validates response bodies against the contract's schemas. */
export interface BodyValidator {
  /** Errors of `body` against the schema of (operation, status); null when there is no such response. */
  validate(operationId: OperationId, status: number, body: unknown): { declared: boolean; errors: string[] };
}

/** Builds the validator for a contract. */
export function createBodyValidator(contract: Contract): BodyValidator {
  const ajv = createAjv();
  const cache = new Map<string, ValidateFunction | null>();
  const get = (operationId: OperationId, status: number): ValidateFunction | null => {
    const k = `${operationId} ${status}`;
    let v = cache.get(k);
    if (v === undefined) {
      const schema = contract.byId.get(operationId)?.responses[String(status)]?.schema;
      v = schema ? ajv.compile(structuredClone(schema)) : null;
      cache.set(k, v);
    }
    return v;
  };
  return {
    validate(operationId, status, body) {
      const fn = get(operationId, status);
      if (!fn) return { declared: false, errors: [] };
      return { declared: true, errors: fn(body) ? [] : (fn.errors ?? []).slice(0, 5).map(describe) };
    },
  };
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || '(body)'} ${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`;
}
