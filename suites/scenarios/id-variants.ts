/**
 * Variants of real IDs (C-FOUND-2): an ID the key reads with 200, changed into one the server
 * never issued (the whole ID in upper case, so its prefix is not the prefix; white space around
 * it; its first character percent-encoded twice; a letter of its prefix swapped for a Unicode
 * look-alike or a full-width form), is an ID of the wrong shape: never a 2xx. What else it gets
 * (403, 404, or a 400 for a path no router takes) is not judged here (docs/contract-notes.md,
 * row 51); the step checks still judge every answer's body, request ID and 5xx.
 */
import type { Scenario } from '../../generators/case-types.ts';
import { contentId } from '../../generators/ids.ts';
import type { MatrixCtx } from '../../generators/matrix-context.ts';
import { baseRequest, resourcesFor } from '../../generators/resources.ts';
import { defineScenarioKind, type Steps } from './kind.ts';
import { must, statusFor } from './steps.ts';

/** Latin letters of ID prefixes and a Cyrillic letter drawn the same. */
const LOOK_ALIKE: Record<string, string> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
};

/** The encoded path segments that stand for an ID the server never issued, each with its name. */
export function idVariants(id: string): Array<{ name: string; segment: string }> {
  const enc = encodeURIComponent;
  const out: Array<{ name: string; segment: string }> = [];
  const prefix = id.split('_')[0] ?? '';
  if (id.toUpperCase() !== id && prefix.toUpperCase() !== prefix)
    out.push({ name: 'upper case', segment: enc(id.toUpperCase()) });
  out.push({ name: 'leading space', segment: `%20${enc(id)}` });
  out.push({ name: 'trailing tab', segment: `${enc(id)}%09` });
  const c0 = id.codePointAt(0);
  if (c0 !== undefined && c0 < 0x80)
    out.push({
      name: 'first character percent-encoded twice',
      segment: `%25${c0.toString(16).toUpperCase().padStart(2, '0')}${enc(id.slice(1))}`,
    });
  const i = [...prefix].findIndex((ch) => LOOK_ALIKE[ch] !== undefined);
  if (i >= 0)
    out.push({ name: 'Cyrillic look-alike', segment: enc(id.slice(0, i) + LOOK_ALIKE[id[i]!]! + id.slice(i + 1)) });
  const j = [...prefix].findIndex((ch) => /[a-z]/.test(ch));
  if (j >= 0)
    out.push({
      name: 'full-width letter',
      segment: enc(id.slice(0, j) + String.fromCodePoint(id.codePointAt(j)! - 0x61 + 0xff41) + id.slice(j + 1)),
    });
  return out;
}

/** Variants of one readable ID, sent where the ID goes in the path of a GET. */
export interface IdVariants extends Scenario {
  kind: 'id_variants';
  /** The readable ID the variants are made of. */
  readable: string;
  /** The path with `{}` where the ID's segment goes. */
  template: string;
  query: Array<[string, string]>;
  clause: 'C-FOUND-2';
}

function build(ctx: MatrixCtx): IdVariants[] {
  const out: IdVariants[] = [];
  const o = ctx.inv.orgs[0];
  const key = o && ctx.keys.find((k) => k.id === o.keyId);
  if (!key) return out;
  for (const op of ctx.contract.operations.filter((x) => x.method === 'get' && x.path.includes('{id}'))) {
    const r = resourcesFor(ctx, op, key).find(
      (x) => (x.ref.kind === 'id' || x.ref.kind === 'object') && statusFor(op, key, x.ref) === 200,
    );
    if (!r) continue;
    const id = r.ref.kind === 'id' ? r.ref.ref.id : (r.ref as { id: string }).id;
    const base = baseRequest(op, r.ref);
    const seg = `/${encodeURIComponent(id)}`;
    if (!base.path.includes(seg)) continue;
    const template = base.path.replace(seg, '/{}');
    out.push({
      id: contentId('s', { kind: 'id_variants', op: op.operationId, key: key.id, id }),
      kind: 'id_variants',
      operationId: op.operationId,
      keyId: key.id,
      path: base.path,
      readable: id,
      template,
      query: base.query,
      clause: 'C-FOUND-2',
    });
  }
  return out;
}

async function run(s: IdVariants, { judged, report }: Steps): Promise<void> {
  for (const v of idVariants(s.readable)) {
    const req = { method: 'GET' as const, path: s.template.replace('{}', v.segment), query: s.query, headers: {} };
    const res = await judged({ req, keyId: s.keyId, operationId: s.operationId, expect: null });
    if (res.status >= 200 && res.status < 300)
      report(
        [
          must(
            'C-FOUND-2',
            `${s.readable} with ${v.name} (${v.segment}) is an ID the server never issued, yet ${s.operationId} answered ${res.status}`,
            '403 or 404, never 2xx',
            res.status,
          ),
        ],
        req,
        { credential: 'key', keyId: s.keyId },
      );
  }
}

export default defineScenarioKind({
  kind: 'id_variants',
  check: {
    id: 'id_variants_unknown',
    clauses: ['C-FOUND-2'],
    description:
      'A readable ID in upper case, with white space around it, percent-encoded twice or with a Unicode look-alike in its prefix is an ID of the wrong shape: never a 2xx.',
  },
  group: 'validation',
  writes: 'none',
  judgesSteps: true,
  build,
  resource: (s) => s.path,
  requests: () => 6,
  because: (s) => `variants of ${s.readable} are IDs the server never issued`,
  run,
});
