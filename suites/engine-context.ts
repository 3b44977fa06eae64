/**
 * What the engine needs for a run, built in one place: the contract, the body validator, the
 * inventory, the keys, the transport, the secrets, and the run's request-ID memory and nonce.
 * Its own module, so that the engine and the scenario kinds both depend on it and not on each other.
 */
import { randomBytes } from 'node:crypto';
import type { Inventory } from '../generators/inventory.ts';
import type { KeySpec, SecretStore } from '../generators/profile.ts';
import type { Contract } from '../openapi/types.ts';
import type { Check } from './checks/types.ts';
import type { Transport } from './transport.ts';
import type { BodyValidator } from './validate.ts';

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

/** Builds the engine context of a run: the one place it is made. */
export function createEngineContext(args: {
  contract: Contract;
  validator: BodyValidator;
  inventory: Inventory;
  keys: readonly KeySpec[];
  transport: Transport;
  secrets: SecretStore;
}): EngineContext {
  return {
    contract: args.contract,
    validator: args.validator,
    inventory: args.inventory,
    keys: new Map(args.keys.map((k) => [k.id, k])),
    transport: args.transport,
    secrets: args.secrets,
    seenRequestIds: new Set(),
    runNonce: randomBytes(8).toString('hex'),
  };
}
