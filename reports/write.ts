/** Writes every rendering of a report into one directory. The only report module that renders to disk. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../generators/redaction.ts';
import { jsonMayHoldSecret, maskDeep, type Masking } from './guard.ts';
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
  // report.json holds every string of the report, so its text decides, as maskDeep's own scan
  // would, whether the report needs masking: a clean report is not serialized a second time.
  let json = renderJson(report);
  if (opts.redactor && jsonMayHoldSecret(json, opts.redactor)) {
    ({ value: guarded, masked } = maskDeep(report, opts.redactor));
    if (masked.length)
      guarded = { ...guarded, observations: [...guarded.observations, ...observationsOf('masked_at_write', masked)] };
    json = renderJson(guarded);
  }
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    json: join(dir, 'report.json'),
    html: join(dir, 'report.html'),
    markdown: join(dir, 'report.md'),
    junit: join(dir, 'junit.xml'),
  };
  // A rendering cannot add a secret the report did not hold; masking the text again costs one scan.
  // Each file is rendered, masked and written aside in turn, and all four take their names at the end:
  // a rendering that fails leaves the directory as it was, not one new file among old ones.
  const written: string[] = [];
  try {
    const write = (file: string, t: string) => {
      written.push(file);
      writeFileSync(`${file}.partial`, opts.redactor ? opts.redactor.mask(t).text : t);
    };
    write(paths.json, json);
    write(paths.html, renderHtml(guarded));
    write(paths.markdown, renderMarkdown(guarded));
    write(paths.junit, renderJunit(guarded));
  } catch (e) {
    for (const file of written) rmSync(`${file}.partial`, { force: true });
    throw e;
  }
  for (const file of written) renameSync(`${file}.partial`, file);
  return { ...paths, masked, report: guarded };
}
