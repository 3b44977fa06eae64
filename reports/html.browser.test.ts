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

      await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
      expect(existsSync(join(OUT, 'report.png'))).toBe(true);
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
