import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, type ComplianceReport } from './model.ts';
import { makeMeta, makeResult } from './test-fixtures.ts';
import { writeReports } from './write.ts';

describe('writeReports', () => {
  it('writes the four files, or, when a rendering fails, leaves the directory as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqconform-write-'));
    const report = buildReport(makeMeta(), [makeResult({ case_id: 'w1' })]);
    writeReports(dir, report);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    // report.json renders anything; the HTML rendering cannot render a report without its summary.
    const broken = { ...report, summary: undefined } as unknown as ComplianceReport;
    expect(() => writeReports(dir, broken)).toThrow();
    expect(Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]))).toEqual(before);
  });
});
