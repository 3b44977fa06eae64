/** Facts read from the contract document itself, so that no table in code repeats it. */
import type { Contract, ObjectKind, Operation } from '../openapi/types.ts';

const cache = new WeakMap<Operation, ObjectKind | null>();

/**
 * The object kind a list operation returns, read from its 200 schema: the `id` pattern of the
 * items of `data` (`^txr_`) matched against the prefixes of `x-resource-kinds`.
 */
export function listItemKind(contract: Contract, op: Operation): ObjectKind | undefined {
  let kind = cache.get(op);
  if (kind === undefined) {
    const schema = op.responses['200']?.schema as
      { properties?: { data?: { items?: { properties?: { id?: { pattern?: string } } } } } } | undefined;
    const pattern = schema?.properties?.data?.items?.properties?.id?.pattern;
    const hit = pattern
      ? (Object.entries(contract.resourceKinds) as Array<[ObjectKind, { prefix: string }]>).find(
          ([, k]) => pattern === `^${k.prefix}`,
        )
      : undefined;
    kind = hit ? hit[0] : null;
    cache.set(op, kind);
  }
  return kind ?? undefined;
}
