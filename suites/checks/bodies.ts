/** Checks of bodies and headers against the contract's schemas (C-BODY-1, C-PERM-8). */
import { fieldAt, type Item } from '../../generators/inventory.ts';
import { excerpt } from './status.ts';
import { defineCheck, type Check, type Violation } from './types.ts';

export const contentTypeJson = defineCheck({
  id: 'content_type_json',
  clauses: ['C-BODY-1'],
  description: 'Every response is JSON with Content-Type application/json.',
  run({ res }) {
    const out: Violation[] = [];
    const ct = res.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(ct))
      out.push({
        clause: 'C-BODY-1',
        level: 'must',
        message: `Content-Type is ${ct || 'missing'}`,
        expected: 'application/json',
        actual: ct || null,
      });
    if (res.json === undefined)
      out.push({
        clause: 'C-BODY-1',
        level: 'must',
        message: res.jsonProblem ?? 'the body is not JSON',
        expected: 'a JSON body',
        actual: excerpt(res.text, 200),
      });
    return out;
  },
});

export const bodySchema = defineCheck({
  id: 'body_schema',
  clauses: ['C-BODY-1', 'C-BODY-2'],
  description: "The body validates against the contract's schema for the operation and status.",
  run({ case: c, res, validator }) {
    if (res.status >= 500 || res.json === undefined) return [];
    const { declared, errors } = validator.validate(c.operationId, res.status, res.json);
    if (!declared)
      return [
        {
          clause: 'C-BODY-1',
          level: 'must',
          message: `status ${res.status} is not a response ${c.operationId} declares`,
          expected: 'a declared status',
          actual: res.status,
        },
      ];
    // An error body off its schema breaks the error envelope of C-BODY-2; any other body, C-BODY-1.
    const clause = res.status >= 400 ? 'C-BODY-2' : 'C-BODY-1';
    return errors.length
      ? [
          {
            clause,
            level: 'must',
            message: `body does not match the ${res.status} schema: ${errors.join('; ')}`,
            expected: `${c.operationId} ${res.status} schema`,
            actual: errors,
          },
        ]
      : [];
  },
});

const RESOURCE_SECRET_FIELDS = [
  'name',
  'nickname',
  'description',
  'beneficiary_name',
  'institution_name',
  'holder_name',
  'last_four',
  'balance_in_cents',
  'amount_in_cents',
  'merchant_name',
  'rule_name',
];

const itemIndex = new WeakMap<CheckInput['inventory'], Map<string, Item>>();

/** The inventory item with this id (an index built once per inventory). */
function findItem(inventory: CheckInput['inventory'], id: string): Item | undefined {
  let index = itemIndex.get(inventory);
  if (!index) {
    index = new Map();
    for (const o of inventory.orgs)
      for (const list of [o.accounts, o.rules, o.executions, o.transfers, o.cards, o.cardTransactions])
        for (const i of list) index.set(i.id, i);
    itemIndex.set(inventory, index);
  }
  return index.get(id);
}
type CheckInput = Parameters<Check['run']>[0];

export const noResourceLeak = defineCheck({
  id: 'no_resource_leak',
  clauses: ['C-PERM-8'],
  description: 'A 403 or 404 body holds only the error (and request_id), never a field of the resource asked for.',
  run({ case: c, res, inventory }) {
    if (res.status !== 403 && res.status !== 404) return [];
    const body = res.json;
    if (typeof body !== 'object' || body === null) return [];
    const extra = Object.keys(body).filter((k) => k !== 'error' && k !== 'request_id');
    const errExtra = Object.keys((body as { error?: object }).error ?? {}).filter(
      (k) => k !== 'code' && k !== 'message',
    );
    const out: Violation[] = [];
    if (extra.length || errExtra.length)
      out.push({
        clause: 'C-PERM-8',
        level: 'must',
        message: `the ${res.status} body carries ${[...extra, ...errExtra.map((k) => `error.${k}`)].join(', ')}`,
        expected: '{error:{code,message}, request_id?}',
        actual: [...extra, ...errExtra],
      });
    const id = c.resource.split(' ')[0] ?? '';
    const item = findItem(inventory, id);
    if (item) {
      const text = res.text;
      const numbers = new Set(
        String((body as { error?: { message?: unknown } }).error?.message ?? '').match(/\d+/g) ?? [],
      );
      const leaked = RESOURCE_SECRET_FIELDS.filter((f) => {
        const v = fieldAt(item, f);
        // Short values could occur in any message by chance; a leak of a long one cannot.
        if (typeof v === 'string') return v.length >= 10 && text.includes(v);
        return typeof v === 'number' && v >= 10_000 && numbers.has(String(v));
      });
      if (leaked.length)
        out.push({
          clause: 'C-PERM-8',
          level: 'must',
          message: `the ${res.status} body reveals ${leaked.join(', ')} of ${id}`,
          expected: 'no resource field',
          actual: leaked,
        });
    }
    return out;
  },
});
