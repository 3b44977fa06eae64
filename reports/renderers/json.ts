/** report.json: the canonical form of the report, stable for diffing. Pure. */
import type { ComplianceReport } from '../model.ts';

/** The report as indented JSON with a trailing newline. */
export function renderJson(report: ComplianceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
