/**
 * Reading clause ids in reports: summaries, families and their order. The ids themselves are
 * the contract's table (openapi/clauses.ts).
 */
import { CLAUSES, FAMILIES, FAMILY_TITLES, type ClauseFamily } from '../openapi/clauses.ts';

export { CLAUSES, FAMILIES, FAMILY_TITLES, type ClauseFamily };

/** The summary of `clause`, or an empty string for an id the contract does not have. */
export function clauseText(clause: string): string {
  return (CLAUSES as Readonly<Record<string, string>>)[clause] ?? '';
}

/** The family of a clause id: `C-PERM-2b` → `C-PERM`. Ids without a number are their own family. */
export function clauseFamily(clause: string): string {
  const m = /^(C-[A-Z]+)(?:-|$)/.exec(clause);
  return m ? m[1]! : clause;
}

function familyRank(family: string): number {
  const i = (FAMILIES as readonly string[]).indexOf(family);
  return i === -1 ? FAMILIES.length : i;
}

/** Orders families: the report order of {@link FAMILIES}, then others by name. */
export function compareFamilies(a: string, b: string): number {
  return familyRank(a) - familyRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Orders clause ids by family, then number, then suffix: C-PERM-2 < C-PERM-2b < C-PERM-10. */
export function compareClauses(a: string, b: string): number {
  const fa = clauseFamily(a);
  const fb = clauseFamily(b);
  if (fa !== fb) return compareFamilies(fa, fb);
  const na = /-(\d+)([a-z]*)$/.exec(a);
  const nb = /-(\d+)([a-z]*)$/.exec(b);
  const d = (na ? Number(na[1]) : -1) - (nb ? Number(nb[1]) : -1);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}
