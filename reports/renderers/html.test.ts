import { describe, expect, it } from 'vitest';
import { buildReport } from '../model.ts';
import { findingOn, makeResult, sampleRun, withFindings } from '../test-fixtures.ts';
import { showValue } from './common.ts';
import { escapeHtml, renderHtml } from './html.ts';

describe('renderHtml', () => {
  const { meta, results } = sampleRun();
  const report = buildReport(meta, results);
  const html = renderHtml(report);

  it('is one self-contained page: no external resource, no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b|<img\b|@import|url\(/i);
    expect(html).not.toMatch(/(?:src|href)="https?:/i);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes every text: a message with <script> stays text', () => {
    expect(html).toContain('server error 500 &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;');
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('escapes attacker-controlled text in attributes and headings', () => {
    const r = makeResult({
      case_id: 'evil',
      operation_id: 'getAccount',
      key_id: 'k"><b>x',
      resource: '<img src=x onerror=alert(1)>',
      expected: { status: 403, code: 'forbidden', clause: 'C-PERM-4', because: 'x', level: 'must' },
    });
    const out = renderHtml(buildReport(meta, [withFindings(r, [findingOn(r, { curl: "curl '<script>'" })])]));
    expect(out).not.toMatch(/<img src=x/);
    expect(out).not.toContain('"><b>x');
    expect(out).not.toMatch(/<script\b/i);
  });

  it('has the stable ids and classes tests and users rely on', () => {
    for (const id of ['score', 'heatmap', 'not-covered', 'findings', 'cases', 'score-coverage', 'score-conformance'])
      expect(html).toContain(`id="${id}"`);
    expect(html.match(/<article class="finding /g)).toHaveLength(report.findings.length);
    expect(html.match(/<pre class="curl">/g)!.length).toBeGreaterThanOrEqual(report.findings.length);
  });

  it('shows both parts of the score, the clause text and the curl', () => {
    expect(html).toMatch(/id="score-coverage">.*60\.0%/);
    expect(html).toMatch(/id="score-conformance">.*72\.2%/);
    expect(html).toContain('C-PERM-4');
    expect(html).toContain('even if no such resource exists');
    expect(html).toContain('-H &quot;Authorization: ApiKey $KEY_ONE_ORG1&quot;');
  });

  it('colours heat-map cells by their worst verdict, with counts and tooltips, and links them to their findings', () => {
    const m =
      /<td class="hm fail" id="hm-getAccount-one-org1" title="getAccount × one-org1: 3 cases, 3 fail"><a href="#f-([0-9a-f]{16})"><b>3<\/b>3 fail<\/a><\/td>/.exec(
        html,
      );
    expect(m).not.toBeNull();
    expect(html).toContain(`id="f-${m![1]}"`);
    expect(html).toMatch(/<td class="hm pass" id="hm-getAccount-full-org1" [^>]*><b>1<\/b>&nbsp;<\/td>/);
    expect(html).toMatch(/<td class="hm error" id="hm-getTransfer-full-org1"/);
    expect(html).toMatch(
      /<td class="hm na" id="hm-createTransfer-none-org1" title="createTransfer × none-org1: no cases">n\.a\.<\/td>/,
    );
    expect(html).toContain('id="hm-listTransfers-_none_"');
  });

  it('lists causes by severity, explains how to read the report, and how to set the key of a curl', () => {
    const f = html.slice(html.indexOf('id="findings"'));
    expect(f.indexOf('id="severity-breach"')).toBeLessThan(f.indexOf('id="severity-state"'));
    expect(f.indexOf('id="severity-state"')).toBeLessThan(f.indexOf('id="severity-shape"'));
    expect(f).toMatch(
      /<pre class="curl" id="key-export">export KEY_ONE_ORG1=&#39;&lt;secret of key one-org1&gt;&#39;<\/pre>/,
    );
    expect(html).toContain('<section id="how-to-read"><h2>How to read this report</h2>');
  });

  it('pretty-prints a JSON body held as a string', () => {
    expect(showValue('{"error":{"code":"forbidden"}}')).toBe('{\n  "error": {\n    "code": "forbidden"\n  }\n}');
    expect(showValue('{not json')).toBe('{not json');
    expect(showValue('plain')).toBe('plain');
  });

  it('explains what was not covered', () => {
    const nc = html.slice(html.indexOf('id="not-covered"'));
    expect(nc).toContain('READ_CARDS:union');
    expect(nc).toContain('listCardTransactions: no card in org2');
    expect(nc).toContain('ECONNRESET: socket hang up');
  });

  it('renders a clean run', () => {
    const clean = renderHtml(buildReport(meta, [makeResult({ case_id: 'ok' })]));
    expect(clean).toContain('No findings');
    expect(clean).toContain('class="outcome PASS"');
  });
});
