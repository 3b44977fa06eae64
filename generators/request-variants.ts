/**
 * How requests depart from the plain one, read from each operation's parameters and body: the
 * malformed variants the contract refuses (C-VAL), the well-formed boundaries it must accept, and
 * the X-Request-ID values of C-REQID.
 */
import fc from 'fast-check';
import type { ClauseId } from '../openapi/clauses.ts';
import type { Operation } from '../openapi/types.ts';
import { isValidRequestId, type Defect, type RequestSpec } from './case-types.ts';

/** A malformed variant: the defect and how it changes a plain request. */
export interface DefectSpec {
  defect: Defect;
  apply: (r: RequestSpec) => RequestSpec;
}

/** Malformed variants of an operation's requests, read from its parameters and body (C-VAL). */
export function defectsFor(op: Operation): DefectSpec[] {
  const out: DefectSpec[] = [];
  const d = (name: string, clause: ClauseId, apply: DefectSpec['apply']) =>
    out.push({ defect: { name, clause }, apply });
  const setQ = (r: RequestSpec, name: string, value: string | null): RequestSpec => ({
    ...r,
    query: [...r.query.filter(([k]) => k !== name), ...(value === null ? [] : [[name, value] as [string, string]])],
  });
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const s = p.schema as { enum?: unknown[]; type?: unknown; format?: string; maximum?: number };
    if (p.required) {
      d(`missing_${p.name}`, 'C-VAL-1', (r) => setQ(r, p.name, null));
      d(`empty_${p.name}`, 'C-VAL-1', (r) => setQ(r, p.name, ''));
    }
    if (Array.isArray(s.enum)) {
      d(`bad_enum_${p.name}`, 'C-VAL-2', (r) => setQ(r, p.name, 'not_a_value'));
      const upper = String(s.enum[0]).toUpperCase();
      if (!s.enum.includes(upper)) d(`bad_enum_case_${p.name}`, 'C-VAL-2', (r) => setQ(r, p.name, upper));
    }
    if (p.name === 'first')
      for (const [n, v] of [
        ['0', '0'],
        ['101', '101'],
        ['abc', 'abc'],
        ['fraction', '1.5'],
        ['plus', '+5'],
        ['negative', '-1'],
        ['exponent', '1e1'],
      ] as const)
        d(`first_${n}`, 'C-VAL-2', (r) => setQ(r, 'first', v));
    if (p.name === 'after') {
      d('after_empty', 'C-VAL-2', (r) => setQ(r, 'after', ''));
      d('after_forged', 'C-VAL-2', (r) => setQ(r, 'after', 'not-a-cursor-issued-by-the-server'));
    }
    if (s.format === 'date-time') {
      d(`${p.name}_not_a_date`, 'C-VAL-2', (r) => setQ(r, p.name, 'yesterday'));
      d(`${p.name}_impossible_date`, 'C-VAL-2', (r) => setQ(r, p.name, '2024-02-30T10:00:00Z'));
    }
  }
  const body = (r: RequestSpec, patch: Record<string, unknown>, drop: string[] = []): RequestSpec => {
    const b = { ...(r.body as Record<string, unknown>), ...patch };
    for (const k of drop) delete b[k];
    return { ...r, body: b };
  };
  const raw = (r: RequestSpec, text: string): RequestSpec => {
    const { body: _b, ...rest } = r;
    return { ...rest, rawBody: text };
  };
  const loc = op.permission.locator;
  if (loc?.in === 'body') {
    const { source, target, amount } = loc;
    d('body_not_json', 'C-VAL-3', (r) => raw(r, '{"source_account_id":'));
    d('body_array', 'C-VAL-3', (r) => raw(r, '[]'));
    d('body_string', 'C-VAL-3', (r) => raw(r, '"transfer"'));
    d('body_null', 'C-VAL-3', (r) => raw(r, 'null'));
    d(`missing_${source}`, 'C-VAL-3', (r) => body(r, {}, [source]));
    d(`missing_${target}`, 'C-VAL-3', (r) => body(r, {}, [target]));
    d(`missing_${amount}`, 'C-VAL-3', (r) => body(r, {}, [amount]));
    d(`${source}_number`, 'C-VAL-3', (r) => body(r, { [source]: 12345 }));
    d(`${target}_null`, 'C-VAL-3', (r) => body(r, { [target]: null }));
    d(`${amount}_zero`, 'C-VAL-3', (r) => body(r, { [amount]: 0 }));
    d(`${amount}_negative`, 'C-VAL-3', (r) => body(r, { [amount]: -100 }));
    d(`${amount}_fraction`, 'C-VAL-3', (r) => body(r, { [amount]: 10.5 }));
    d(`${amount}_string`, 'C-VAL-3', (r) => body(r, { [amount]: '100' }));
    d('description_number', 'C-VAL-3', (r) => body(r, { description: 42 }));
    d('description_256_chars', 'C-VAL-3', (r) => body(r, { description: 'd'.repeat(256) }));
    d('same_source_and_destination', 'C-VAL-3', (r) =>
      body(r, { [target]: (r.body as Record<string, unknown>)[source] }),
    );
  }
  if (op.effect?.creates === 'rule_execution') {
    d('body_not_json', 'C-VAL-4', (r) => raw(r, '{"manual_execute_amount":'));
    d('body_array', 'C-VAL-4', (r) => raw(r, '[]'));
    d('body_string', 'C-VAL-4', (r) => raw(r, '"go"'));
    d('body_null', 'C-VAL-4', (r) => raw(r, 'null'));
    d('manual_execute_amount_zero', 'C-VAL-4', (r) => body(r, { manual_execute_amount: 0 }));
    d('manual_execute_amount_fraction', 'C-VAL-4', (r) => body(r, { manual_execute_amount: 2.5 }));
    d('manual_execute_amount_string', 'C-VAL-4', (r) => body(r, { manual_execute_amount: '500' }));
  }
  return out;
}

/** Well-formed edge variants that must be accepted (the other side of each C-VAL boundary), with the clause each tests. */
export function acceptedEdges(
  op: Operation,
): Array<{ name: string; clause: ClauseId; apply: (r: RequestSpec) => RequestSpec }> {
  const out: Array<{ name: string; clause: ClauseId; apply: (r: RequestSpec) => RequestSpec }> = [];
  const has = (n: string) => op.parameters.some((p) => p.in === 'query' && p.name === n);
  const q =
    (name: string, v: string) =>
    (r: RequestSpec): RequestSpec => ({ ...r, query: [...r.query, [name, v]] });
  if (has('first'))
    out.push(
      { name: 'first_1', clause: 'C-VAL-2', apply: q('first', '1') },
      { name: 'first_100', clause: 'C-VAL-2', apply: q('first', '100') },
      { name: 'first_leading_zero', clause: 'C-VAL-2', apply: q('first', '05') },
    );
  if (has('from'))
    out.push(
      { name: 'from_rfc3339_offset', clause: 'C-VAL-2', apply: q('from', '2000-01-01T00:00:00+02:00') },
      { name: 'from_fractional_seconds', clause: 'C-VAL-2', apply: q('from', '2000-01-15T10:00:00.000Z') },
    );
  if (has('to')) out.push({ name: 'to_rfc3339_z', clause: 'C-VAL-2', apply: q('to', '2999-12-31T23:59:59Z') });
  const loc = op.permission.locator;
  const setBody =
    (patch: Record<string, unknown>) =>
    (r: RequestSpec): RequestSpec => ({ ...r, body: { ...(r.body as object), ...patch } });
  if (loc?.in === 'body') {
    out.push({ name: 'amount_one_cent', clause: 'C-VAL-3', apply: setBody({ [loc.amount]: 1 }) });
    out.push({ name: 'description_255_chars', clause: 'C-VAL-3', apply: setBody({ description: 'é'.repeat(255) }) });
    out.push({ name: 'description_null', clause: 'C-VAL-3', apply: setBody({ description: null }) });
  }
  if (op.effect?.creates === 'rule_execution') {
    out.push({
      name: 'manual_execute_amount_null',
      clause: 'C-VAL-4',
      apply: setBody({ manual_execute_amount: null }),
    });
    out.push({
      name: 'empty_body',
      clause: 'C-VAL-4',
      apply: (r) => {
        const { body: _b, ...rest } = r;
        return rest;
      },
    });
  }
  return out;
}

/** X-Request-ID values of C-REQID-1 (valid) and C-REQID-4 (invalid). */
export function requestIdVariants(seed: number): Array<{ name: string; value: string; invalid: boolean }> {
  const visible = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));
  const sampled = fc.sample(fc.string({ unit: fc.constantFrom(...visible), minLength: 1, maxLength: 128 }), {
    seed,
    numRuns: 3,
  });
  const values = [
    { name: 'typical', value: 'conformance-3f2a9c1e' },
    { name: 'one_char', value: 'x' },
    { name: 'max_128', value: 'r'.repeat(128) },
    { name: 'punctuation', value: visible.filter((c) => !/[A-Za-z0-9]/.test(c)).join('') },
    { name: 'digits_letters', value: 'AZaz09' },
    ...sampled.map((v, i) => ({ name: `sampled_${i}`, value: v })),
    { name: 'empty', value: '' },
    { name: 'too_long_129', value: 'r'.repeat(129) },
    { name: 'inner_space', value: 'has space' },
    { name: 'tab', value: 'has\ttab' },
  ];
  return values.map((v) => ({ ...v, invalid: !isValidRequestId(v.value) }));
}
