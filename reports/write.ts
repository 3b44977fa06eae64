/** Writes every rendering of a report into one directory. The only report module that renders to disk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from './model.ts';
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
export function renderAll(report: ComplianceReport): Record<'report.json' | 'report.html' | 'report.md' | 'junit.xml', string> {
  return {
    'report.json': renderJson(report),
    'report.html': renderHtml(report),
    'report.md': renderMarkdown(report),
    'junit.xml': renderJunit(report),
  };
}

/** How many of the known `secrets` occur in `text` (the count only, never the values). */
export function secretsIn(text: string, secrets: readonly string[]): number {
  return secrets.filter((s) => s.length > 0 && text.includes(s)).length;
}

/**
 * Writes report.json, report.html, report.md and junit.xml into `dir` (created if needed).
 * With `secrets`, refuses to write anything when a rendering holds one of them.
 */
export function writeReports(dir: string, report: ComplianceReport, opts: { secrets?: readonly string[] } = {}): ReportPaths {
  const files = renderAll(report);
  if (opts.secrets?.length)
    for (const [name, text] of Object.entries(files)) {
      const n = secretsIn(text, opts.secrets);
      if (n) throw new Error(`refusing to write ${name}: it holds ${n} known key secret(s); the findings were not redacted`);
    }
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    json: join(dir, 'report.json'),
    html: join(dir, 'report.html'),
    markdown: join(dir, 'report.md'),
    junit: join(dir, 'junit.xml'),
  };
  writeFileSync(paths.json, files['report.json']);
  writeFileSync(paths.html, files['report.html']);
  writeFileSync(paths.markdown, files['report.md']);
  writeFileSync(paths.junit, files['junit.xml']);
  return paths;
}
