/**
 * The last line of defence before anything is written: every string of a value (a report, shard
 * results) is masked for every form of every known secret (the same {@link Redactor} as at the
 * response boundary), and what was masked is counted by key and field, so the report can say so.
 * Nothing is refused: a target that echoes credentials cannot suppress its own report.
 */
import type { Redactor } from '../generators/redaction.ts';

/** What the guard masked: a key, the field (a JSON path with `[]` for array items) and how many places. */
export interface Masking {
  key_id: string;
  field: string;
  places: number;
}

/**
 * Whether JSON text holds a form of a secret in one of its strings: a whole form or fragment, or an
 * escaped run (`\x..`, `\u....`, character references, repeated percent-encoding, separated hex)
 * that decodes to one, as Redactor.mask finds them. JSON doubles every backslash, so the text is
 * read with the doubling undone, as the strings themselves read.
 */
export function jsonMayHoldSecret(text: string, redactor: Redactor): boolean {
  return redactor.mask(text.includes('\\\\') ? text.replaceAll('\\\\', '\\') : text).hits.size > 0;
}

/** Masks every string (and member name) of `value`; returns the masked copy and what was masked. */
export function maskDeep<T>(value: T, redactor: Redactor): { value: T; masked: Masking[] } {
  const tally = new Map<string, Masking>();
  const note = (hits: Map<string, number>, field: string) => {
    for (const [key_id, places] of hits) {
      const k = `${key_id}\u0000${field}`;
      const m = tally.get(k) ?? { key_id, field, places: 0 };
      m.places += places;
      tally.set(k, m);
    }
  };
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const m = redactor.mask(v);
      if (m.hits.size) note(m.hits, path || '(root)');
      return m.text;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, `${path}[]`));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const mk = redactor.mask(k);
        if (mk.hits.size) note(mk.hits, `${path}.(a member name)`);
        out[mk.text] = walk(x, path ? `${path}.${mk.text}` : mk.text);
      }
      return out;
    }
    return v;
  };
  // Only copy when something may have to change: the common case is a clean value.
  if (!jsonMayHoldSecret(JSON.stringify(value) ?? '', redactor)) return { value, masked: [] };
  const copy = walk(value, '') as T;
  return {
    value: copy,
    masked: [...tally.values()].sort((a, b) => a.key_id.localeCompare(b.key_id) || a.field.localeCompare(b.field)),
  };
}
