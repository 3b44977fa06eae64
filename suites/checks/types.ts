/** Types shared by every check: what a check reads and what it reports. */
import type { Case } from '../../generators/case-types.ts';
import type { Inventory } from '../../generators/inventory.ts';
import type { KeySpec } from '../../generators/profile.ts';
import type { ClauseId } from '../../openapi/clauses.ts';
import type { Contract, Operation } from '../../openapi/types.ts';
import type { HttpResponse } from '../transport.ts';
import type { BodyValidator } from '../validate.ts';

/** Everything a check may read about one exchange. */
export interface CheckInput {
  contract: Contract;
  case: Case;
  op: Operation;
  res: HttpResponse;
  validator: BodyValidator;
  inventory: Inventory;
  /** The key the case used, when it is a profile key. */
  key: KeySpec | undefined;
  /** Server-generated request IDs seen so far in this run (C-REQID-3). */
  seenRequestIds: Set<string>;
}

/** A check's verdict on one point: the data of a failure or warning. */
export interface Violation {
  clause: ClauseId;
  level: 'must' | 'should';
  message: string;
  expected: unknown;
  actual: unknown;
}

/** A registered check. */
export interface Check {
  /** Stable snake_case id; reports cite it. */
  id: string;
  /** Clause ids it enforces. */
  clauses: ClauseId[];
  description: string;
  run(input: CheckInput): Violation[];
}

/** Declares a check, keeping its id's literal type (so check ids form a union derived from the registry). */
export function defineCheck<const Id extends string>(c: Check & { id: Id }): Check & { id: Id } {
  return c;
}
