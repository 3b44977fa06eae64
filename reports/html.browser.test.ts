import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildReport } from './model.ts';
import { heatMap, percent } from './renderers/common.ts';
import { renderHtml } from './renderers/html.ts';
import { richRun } from './test-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(import.meta.dirname, 'out');
const DOCS_IMG = resolve(import.meta.dirname, '../docs/img');

describe('report.html in a headless browser', () => {
  it('shows the score, the heat map and a finding with its curl, offline', { timeout: 90_000 }, async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: run .ci/install-system-deps (apt-get install chromium) to render report.html${process.env.CI ? ' (required in CI)' : ''}`,
      );
    const { meta, results } = richRun();
    const report = buildReport(meta, results, {
      baseline: { accepted: [{ case_id: 'p3', reason: 'vendor ticket SEQ-12' }] },
    });
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'browser-report.html');
    writeFileSync(file, renderHtml(report));

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const external: string[] = [];
      const problems: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        external.push(url);
        return route.abort();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(file).href);

      const score = page.locator('#score');
      await expect.poll(() => score.isVisible()).toBe(true);
      expect(await page.locator('#score-coverage .pct').innerText()).toBe(percent(report.score.overall.coverage));
      expect(await page.locator('#score-conformance .pct').innerText()).toBe(percent(report.score.overall.conformance));

      const hm = heatMap(report);
      expect(await page.locator('#heatmap').isVisible()).toBe(true);
      expect(await page.locator('#heatmap td.hm').count()).toBe(hm.operations.length * hm.keys.length);
      const failCell = page.locator('#hm-getCard-full-org2');
      expect(await failCell.getAttribute('class')).toBe('hm fail');
      expect(await failCell.getAttribute('title')).toBe('getCard × full-org2: 3 cases, 2 fail, 1 pass');

      const finding = page.locator('.finding').first();
      expect(await finding.isVisible()).toBe(true);
      const curl = finding.locator('.curl').first();
      expect(await curl.isVisible()).toBe(true);
      expect(await curl.innerText()).toMatch(/^curl -sS -i -X GET /);
      expect(await page.locator('#not-covered').isVisible()).toBe(true);
      expect(await page.locator('#not-covered').innerText()).toContain('READ_CARDS:union');

      // Findings: root causes, most serious first, the JSON bodies pretty-printed.
      const firstCause = page.locator('.cause').first();
      expect(await firstCause.locator('.cid').innerText()).toMatch(/^C-(PERM|ORG|AUTH)-/);
      expect(await page.locator('#how-to-read').isVisible()).toBe(true);
      expect(await page.locator('#key-export').innerText()).toMatch(/^export KEY_[A-Z0-9_]+='<secret of key /);

      // A square with findings links to them: following the link scrolls the finding into view.
      const link = page.locator('#heatmap td.hm.fail a').first();
      const target = (await link.getAttribute('href'))!;
      await link.click();
      await expect.poll(() => page.evaluate('location.hash')).toBe(target);
      expect(await page.locator(target).isVisible()).toBe(true);
      const box = await page.locator(target).boundingBox();
      expect(box!.y).toBeLessThan(900);

      await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
      expect(existsSync(join(OUT, 'report.png'))).toBe(true);
      // The screenshots docs/staging.md shows: the top of the report and the findings.
      mkdirSync(DOCS_IMG, { recursive: true });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(DOCS_IMG, 'report-overview.png') });
      await page.locator('#findings').screenshot({ path: join(DOCS_IMG, 'report-findings.png') });
      expect(existsSync(join(DOCS_IMG, 'report-findings.png'))).toBe(true);
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it(
    'keeps a wide heat map inside its box: it scrolls there, the page never overflows',
    { timeout: 90_000 },
    async () => {
      const { meta, results } = richRun();
      const many = Array.from({ length: 40 }, (_, i) => `partner-key-with-a-long-name-${i}`);
      const wide = [
        ...results,
        ...many.map((k, i) => ({
          ...results[0]!,
          case_id: `wide${i}`,
          key_id: k,
          findings: [],
          verdict: 'pass' as const,
        })),
      ];
      const report = buildReport(
        { ...meta, keys: [...meta.keys, ...many.map((id) => ({ id, org: 'org1', revoked: false, scopes: [] }))] },
        wide,
      );
      mkdirSync(OUT, { recursive: true });
      const file = join(OUT, 'browser-wide.html');
      writeFileSync(file, renderHtml(report));
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
        await page.goto(pathToFileURL(file).href);
        const m = (await page.evaluate(`(() => {
          const wrap = document.querySelector('.heatwrap');
          const section = document.querySelector('#heatmap-section');
          const table = document.querySelector('#heatmap');
          return {
            pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            wrapRight: wrap.getBoundingClientRect().right,
            sectionRight: section.getBoundingClientRect().right,
            tableWidth: table.getBoundingClientRect().width,
            wrapScroll: wrap.scrollWidth,
            wrapClient: wrap.clientWidth,
            overflowX: getComputedStyle(wrap).overflowX,
          };
        })()`)) as Record<string, number | string>;
        expect(Number(m.pageOverflow)).toBeLessThanOrEqual(0);
        expect(Number(m.wrapRight)).toBeLessThanOrEqual(Number(m.sectionRight));
        expect(Number(m.tableWidth)).toBeGreaterThan(Number(m.wrapClient));
        expect(Number(m.wrapScroll)).toBeGreaterThanOrEqual(Math.floor(Number(m.tableWidth)));
        expect(['auto', 'scroll']).toContain(m.overflowX);
      } finally {
        await browser.close();
      }
    },
  );
});
