/**
 * The --html report opened in headless Chromium (Debian's `chromium`, installed by .ci/run), as a
 * reader opens a CI artifact: one file that asks nothing of the network and logs no error, with the
 * verdict and the seed, the checks × operations grid coloured by state, the causes, and each failing
 * case folded with its request, answer and curl line. Screenshots go to $HTML_SCREENSHOTS when set
 * (to look at them), else to a temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { CHECK_IDS } from '../../src/checks';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { groupFindings, renderHtml, verifyDocument } from '../../src/reports';
import { verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';

/** The browser's own, inside `evaluate` (the tests type-check without the DOM library). */
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(`Chromium is required in CI and missing at ${CHROMIUM} (.ci/run installs Debian's chromium)`);
const describeIfChromium = available ? describe : describe.skip;

/** A report of 140 cases stays small enough to mail or attach: well under this. */
const MAX_BYTES = 1_000_000;

describeIfChromium('the HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let shots: string;
  const files: Record<'failing' | 'passing', string> = { failing: '', passing: '' };
  let causes = 0;
  let failedCases = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-html-'));
    shots = process.env.HTML_SCREENSHOTS ?? dir;
    mkdirSync(shots, { recursive: true });
    const options = { fixtures: DEFAULT_FIXTURES, seed: 21, examples: 3, concurrency: 4, timeoutMs: 10_000 };
    const defective = await startDefectiveMock('validation-500');
    const faithful = await startMock();
    try {
      const failing = verifyDocument(await verify({ ...options, target: defective.url }), 'npx qs-contract verify --target X --seed 21');
      const passing = verifyDocument(await verify({ ...options, target: faithful.url }), 'npx qs-contract verify --target Y --seed 21');
      causes = groupFindings(failing).length;
      failedCases = failing.cases.filter((c) => c.status === 'failed').length;
      files.failing = path.join(dir, 'failing.html');
      files.passing = path.join(dir, 'passing.html');
      writeFileSync(files.failing, renderHtml(failing));
      writeFileSync(files.passing, renderHtml(passing));
    } finally {
      await defective.close();
      await faithful.close();
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== pathToFileURL(file).href) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  test(
    'a failing run: one self-contained file, no request and no console error; the verdict, seed, grid, ' + 'causes and folded cases',
    async () => {
      expect(statSync(files.failing).size).toBeLessThan(MAX_BYTES);
      const { page, problems } = await open(files.failing);
      try {
        await expect(page.getByRole('status').textContent()).resolves.toMatch(/^FAIL {1,2}\d+ findings in \d+ cases/);
        await expect(page.locator('.seed').textContent()).resolves.toBe('seed 21');
        // The grid: a failed cell red, a passed one green, as a reader sees them.
        const failedCell = page.locator('table.grid td.failed').first();
        const passedCell = page.locator('table.grid td.passed').first();
        await expect(failedCell.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(255, 235, 233)');
        await expect(passedCell.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(218, 251, 225)');
        // A header row and one row per check.
        await expect(page.locator('table.grid tr').count()).resolves.toBe(CHECK_IDS.length + 1);
        await expect(page.locator('article.cause').count()).resolves.toBe(causes);
        await page.screenshot({ path: path.join(shots, 'failing-top.png') });

        const folded = page.locator('details.case');
        await expect(folded.count()).resolves.toBe(failedCases);
        const first = folded.first();
        await expect(first.locator('pre').first().isVisible()).resolves.toBe(false);
        await first.locator('summary').click();
        await expect(first.getByText(/^curl -sS -i -X PUT /).isVisible()).resolves.toBe(true);
        await first.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, 'failing-case.png') });
        await page.locator('h2', { hasText: 'Coverage' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, 'failing-coverage.png') });
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  test('a passing run: a green verdict, no cause, the coverage', async () => {
    const { page, problems } = await open(files.passing);
    try {
      await expect(page.getByRole('status').textContent()).resolves.toMatch(/^PASS {1,2}\d+ cases passed/);
      await expect(page.getByRole('status').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(26, 127, 55)');
      await expect(page.locator('article.cause').count()).resolves.toBe(0);
      await expect(page.locator('h2', { hasText: /^Coverage: \d+ of \d+ documented outcomes exercised$/ }).count()).resolves.toBe(1);
      await page.screenshot({ path: path.join(shots, 'passing.png'), fullPage: false });
      expect(statSync(path.join(shots, 'passing.png')).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
