/**
 * The contract sentence by sentence: openapi/requirements.yaml, loaded and validated against the
 * contract's clause table and the check registry. Every normative sentence of the contract is a
 * numbered requirement naming the checks that judge it and the cells that test it (or why a
 * black-box client cannot); the report gives each its verdict (reports/requirements.ts).
 */
import { readFileSync } from 'node:fs';
import { isClauseId } from '../openapi/clauses.ts';
import { MisuseError } from '../openapi/errors.ts';
import { parseYamlCached } from '../openapi/yaml-cache.ts';
import { checkCatalog } from './checks/index.ts';

/** Which cells of a run test a requirement: every field given must match. */
export interface CellSelector {
  /** A regular expression over the cell's variant name. */
  variant?: string;
  /** A scenario kind. */
  scenario?: string;
  /** A suite group. */
  group?: string;
  /** The cell's expected clause. */
  clause?: string;
  /** The discovery cells. */
  discovery?: boolean;
  /** An operation id. */
  operation?: string;
}

const SELECTOR_FIELDS = new Set(['variant', 'scenario', 'group', 'clause', 'discovery', 'operation']);

/** One numbered requirement. */
export interface Requirement {
  /** `C-PERM-7.1`: the clause, a dot, a number. */
  id: string;
  /** The clause (or `C-SHAPE`) it belongs to. */
  clause: string;
  level: 'must' | 'should' | 'may';
  /** The contract's sentence, verbatim (white space aside). */
  sentence: string;
  /** What, of the sentence, this requirement is about. */
  says: string;
  /** For a part of another requirement's sentence: that requirement's id. */
  part_of?: string;
  checks: string[];
  cells: CellSelector[];
  /** The key-plan class a run needs to reach it. */
  reach?: string;
  /** Why a black-box client cannot test it. */
  untestable?: string;
  /** Clauses a finding must cite to count against it (default: its own clause; `any`: any clause). */
  finding_clauses?: string[] | 'any';
}

const FILE = new URL('../openapi/requirements.yaml', import.meta.url);

let cache: Requirement[] | undefined;

/** The requirements table, validated. Throws `SPEC_BAD_EXTENSION` naming the entry at fault. */
export function loadRequirements(): Requirement[] {
  cache ??= validate(parseYamlCached(readFileSync(FILE, 'utf8')));
  return cache;
}

const bad = (where: string, detail: string) =>
  new MisuseError('SPEC_BAD_EXTENSION', `openapi/requirements.yaml ${where}`, detail);

function validate(raw: unknown): Requirement[] {
  if (!Array.isArray(raw)) throw bad('', 'must be a list of requirements');
  const checks = new Set(checkCatalog().map((c) => c.id));
  const seen = new Set<string>();
  const out = raw.map((r: Record<string, unknown>, i): Requirement => {
    const id = String(r.id ?? '');
    const m = /^(C-[A-Z]+(?:-\d+[a-z]?)?)\.(\d+)$/.exec(id);
    if (!m) throw bad(`[${i}].id`, `${JSON.stringify(r.id)} is not CLAUSE.N`);
    const clause = m[1]!;
    if (clause !== 'C-SHAPE' && !isClauseId(clause)) throw bad(id, `${clause} is not a clause of the contract`);
    if (seen.has(id)) throw bad(id, 'appears twice');
    seen.add(id);
    if (!['must', 'should', 'may'].includes(String(r.level))) throw bad(`${id}.level`, 'must be must, should or may');
    if (typeof r.sentence !== 'string' || typeof r.says !== 'string') throw bad(id, 'needs sentence and says');
    const reqChecks = (r.checks ?? []) as string[];
    const cells = (r.cells ?? []) as CellSelector[];
    if (typeof r.untestable === 'string' ? reqChecks.length > 0 : reqChecks.length === 0 || cells.length === 0)
      throw bad(id, 'needs checks and cells, or untestable with why (not both)');
    for (const c of reqChecks) if (!checks.has(c)) throw bad(`${id}.checks`, `${c} is not a registered check`);
    for (const s of cells) {
      const unknown = Object.keys(s).filter((k) => !SELECTOR_FIELDS.has(k));
      if (unknown.length) throw bad(`${id}.cells`, `unknown selector field ${unknown.join(', ')}`);
      if (s.variant !== undefined) new RegExp(s.variant);
    }
    const fc = r.finding_clauses as Requirement['finding_clauses'];
    if (Array.isArray(fc))
      for (const c of fc) if (!isClauseId(c)) throw bad(`${id}.finding_clauses`, `${c} is not a clause`);
    return {
      id,
      clause,
      level: r.level as Requirement['level'],
      sentence: normalize(r.sentence),
      says: r.says,
      ...(typeof r.part_of === 'string' ? { part_of: r.part_of } : {}),
      checks: reqChecks,
      cells,
      ...(typeof r.reach === 'string' ? { reach: r.reach } : {}),
      ...(typeof r.untestable === 'string' ? { untestable: r.untestable } : {}),
      ...(fc !== undefined ? { finding_clauses: fc } : {}),
    };
  });
  for (const r of out.filter((x) => x.part_of)) {
    const parent = out.find((x) => x.id === r.part_of);
    if (!parent) throw bad(`${r.id}.part_of`, `${r.part_of} is not a requirement`);
    if (!parent.sentence.includes(r.sentence)) throw bad(`${r.id}.sentence`, `is not part of ${parent.id}'s sentence`);
  }
  return out;
}

/** White space collapsed: the contract wraps lines, the table does not. */
export function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The normative sentences of the contract (MUST, MUST NOT, SHOULD, MAY), each with the clause it
 * belongs to: the numbered clauses' sentences, and those of the C-SHAPE section.
 */
export function normativeSentences(contract: string): Array<{ clause: string; sentence: string }> {
  const out: Array<{ clause: string; sentence: string }> = [];
  const add = (clause: string, text: string) => {
    for (const s of normalize(text).split(/(?<=\.)\s+(?=[A-Z`(])/))
      if (/\b(MUST|SHOULD|MAY)\b/.test(s)) out.push({ clause, sentence: s });
  };
  for (const block of contract.split(/\n- (?=C-[A-Z]+-\d+[a-z]?:)/).slice(1)) {
    const [head, ...rest] = block.split(':');
    add(head!, rest.join(':').split('\n## ')[0]!.split('\n\n')[0]!);
  }
  const shape = /## C-SHAPE[^\n]*\n([\s\S]*?)(?=\n## |$)/.exec(contract)?.[1] ?? '';
  for (const para of shape.split(/\n\n|\n- /)) add('C-SHAPE', para);
  return out;
}
