/** Writes every rendering of a report into one directory. The only report module that renders to disk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../generators/redaction.ts';
import { maskDeep, type Masking } from './guard.ts';
import { observationsOf, type ComplianceReport } from './model.ts';
import { renderHtml } from './renderers/html.ts';
import { renderJson } from './renderers/json.ts';
import { renderJunit } from './renderers/junit.ts';
import { renderMarkdown } from './renderers/markdown.ts';

/** Paths of the files {@link writeReports} wrote. */
export interface ReportPaths {
  json: string;
  html: string;
  markdown: string;
  junit: string;
}

/** Every rendering of `report` by file name, without writing anything. */
export function renderAll(
  report: ComplianceReport,
): Record<'report.json' | 'report.html' | 'report.md' | 'junit.xml', string> {
  return {
    'report.json': renderJson(report),
    'report.html': renderHtml(report),
    'report.md': renderMarkdown(report),
    'junit.xml': renderJunit(report),
  };
}

/** What {@link writeReports} did: the paths, every place the guard had to mask, and the report as written. */
export interface Written extends ReportPaths {
  masked: Masking[];
  /** The report as written (masked): what a terminal may show. */
  report: ComplianceReport;
}

/**
 * Writes report.json, report.html, report.md and junit.xml into `dir` (created if needed). With a
 * `redactor`, every string of the report is masked for every form of every known secret first
 * (the last line of defence; the response boundary should have masked them already), and what
 * had to be masked is added to the report's observations, so the reader sees it. It never refuses.
 */
export function writeReports(dir: string, report: ComplianceReport, opts: { redactor?: Redactor } = {}): Written {
  let guarded = report;
  let masked: Masking[] = [];
  if (opts.redactor) {
    ({ value: guarded, masked } = maskDeep(report, opts.redactor));
    if (masked.length)
      guarded = { ...guarded, observations: [...guarded.observations, ...observationsOf('masked_at_write', masked)] };
  }
  const files = renderAll(guarded);
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    json: join(dir, 'report.json'),
    html: join(dir, 'report.html'),
    markdown: join(dir, 'report.md'),
    junit: join(dir, 'junit.xml'),
  };
  // A rendering cannot add a secret the report did not hold; masking the text again costs one scan.
  const text = (t: string) => (opts.redactor ? opts.redactor.mask(t).text : t);
  writeFileSync(paths.json, text(files['report.json']));
  writeFileSync(paths.html, text(files['report.html']));
  writeFileSync(paths.markdown, text(files['report.md']));
  writeFileSync(paths.junit, text(files['junit.xml']));
  return { ...paths, masked, report: guarded };
}
