import { describe, expect, it } from 'vitest';
import { buildReport } from '../model.ts';
import { findingOn, makeResult, sampleRun, withFindings } from '../test-fixtures.ts';
import { escapeXml, renderJunit } from './junit.ts';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A tiny well-formedness checker: balanced tags, quoted attributes, only known entities. */
function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  // eslint-disable-next-line no-control-regex -- these are the characters it must refuse
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) throw new Error('control character');
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const top = stack[stack.length - 1]!;
    if (m[6]) throw new Error(`stray < at ${m.index}`);
    if (m[5] !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(m[5]))
        throw new Error(`bad entity in text at ${m.index}`);
      top.text += m[5];
      continue;
    }
    const [, close, name, rawAttrs, selfClose] = m;
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(a[2]!)) throw new Error('bad entity in attribute');
      attrs[a[1]!] = a[2]!;
    }
    const node: XmlNode = { name: name!, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('not one root element');
  return root.children[0]!;
}

function all(n: XmlNode, name: string): XmlNode[] {
  return [...(n.name === name ? [n] : []), ...n.children.flatMap((c) => all(c, name))];
}

describe('renderJunit', () => {
  const { meta, results } = sampleRun();
  const report = buildReport(meta, results);
  const xml = renderJunit(report);
  const doc = parseXml(xml);

  it('is well-formed XML with one testcase per case', () => {
    expect(doc.name).toBe('testsuites');
    expect(all(doc, 'testcase')).toHaveLength(results.length);
    expect(doc.attrs).toMatchObject({ tests: '19', failures: '5', errors: '1', skipped: '0' });
  });

  it('groups testcases into suites by clause family, classname family.operation', () => {
    expect(all(doc, 'testsuite').map((s) => s.attrs.name)).toEqual(['C-AUTH', 'C-PERM', 'C-STATE', 'C-REQID']);
    const perm = all(doc, 'testsuite').find((s) => s.attrs.name === 'C-PERM')!;
    expect(perm.attrs).toMatchObject({ tests: '16', failures: '3', errors: '1' });
    const tc = all(doc, 'testcase').find((t) => t.attrs.name === 'getAccount one-org1 acc_01XYZ plain')!;
    expect(tc.attrs.classname).toBe('C-PERM.getAccount');
  });

  it('puts MUST failures in <failure> with expected, actual and curl; errors in <error>; warnings in system-out', () => {
    const failures = all(doc, 'failure');
    expect(failures).toHaveLength(5);
    const a1 = all(doc, 'testcase').find((t) => t.attrs.name === 'listTransfers (none) none no Authorization header')!;
    const f = a1.children.find((c) => c.name === 'failure')!;
    expect(f.attrs.message).toBe('2 MUST failures: status_matches_oracle, no_5xx');
    expect(f.text).toContain('expected: 401');
    expect(f.text).toContain('actual: 500');
    expect(f.text).toContain('reproduce: curl');
    expect(all(doc, 'error')).toHaveLength(1);
    expect(all(doc, 'error')[0]!.attrs.message).toBe('ECONNRESET: socket hang up');
    const w = all(doc, 'system-out');
    expect(w).toHaveLength(1);
    expect(w[0]!.text).toContain('WARNING C-REQID-3 SHOULD request_id_generated');
  });

  it('escapes &, <, ]]> and control characters', () => {
    expect(xml).toContain('server error 500 &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;');
    expect(xml).not.toContain(']]>');
    expect(escapeXml('a\u0000b\u001bc\td\ne')).toBe('a\\u0000b\\u001bc\td\ne');
    expect(escapeXml('"\'')).toBe('&quot;&apos;');
    expect(escapeXml('\uD800x')).toBe('\\ud800x');
    const r = makeResult({
      case_id: 'ctl',
      variant: 'bad \u0007 bell',
      expected: { status: 403, code: 'forbidden', clause: 'C-PERM-4', because: 'x', level: 'must' },
    });
    const out = renderJunit(
      buildReport(meta, [withFindings(r, [findingOn(r, { message: 'header had \u0001 and ]]> and &amp;' })])]),
    );
    expect(() => parseXml(out)).not.toThrow();
    expect(out).toContain('&amp;amp;');
  });

  it('marks accepted findings in system-out, not as failures', () => {
    const accepted = buildReport(meta, results, { baseline: { accepted: [{ case_id: 'p1', reason: 'ticket 9' }] } });
    const d = parseXml(renderJunit(accepted));
    const p1 = all(d, 'testcase').find((t) => t.attrs.name === 'getAccount one-org1 acc_01XYZ plain')!;
    expect(p1.children.map((c) => c.name)).toEqual(['system-out']);
    expect(p1.children[0]!.text).toContain('accepted by baseline: ticket 9');
    expect(all(d, 'failure')).toHaveLength(4);
  });
});
