/**
 * Opens docs/quicksight.html in headless Chromium (Debian's `chromium`, installed by .ci/run) and
 * reads it as a person would: each operation is reachable from the sidebar, and its response tabs
 * show every documented status with every documented error type.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadSpec, PROJECT_ROOT } from '../../src/spec';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(`Chromium is required in CI and missing at ${CHROMIUM} (.ci/run installs Debian's chromium)`);
const describeIfChromium = available ? describe : describe.skip;

const model = loadSpec();
const page_url = pathToFileURL(path.join(PROJECT_ROOT, 'docs/quicksight.html')).href;

describeIfChromium('docs/quicksight.html in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // The flags that keep Chromium off the (closed) network of CI machines.
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
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(page_url);
  });
  afterEach(async () => page?.close());

  test.each(model.operations.map((op) => [op.id, op] as const))(
    'renders %s with a tab per documented status and every error type',
    async (_id, op) => {
      await page.getByRole('link', { name: op.tag, exact: true }).first().click();
      await page.getByText(op.summary, { exact: true }).first().click();
      const main = page.locator('#api-content');
      await main.getByText(op.pathTemplate, { exact: true }).first().waitFor();

      const tabs = main.getByRole('tablist', { name: 'Response status' }).first();
      await expect(tabs.getByRole('tab').allInnerTexts()).resolves.toEqual(op.responses.map((r) => String(r.status)));

      for (const response of op.responses.filter((r) => r.errorTypes.length > 0)) {
        await tabs.getByRole('tab', { name: String(response.status), exact: true }).click();
        await main.getByText('x-amzn-ErrorType').first().waitFor();
        // biome-ignore lint/performance/useDomNodeTextContent: the text shown, without the hidden tabs' that textContent includes
        const text = await main.innerText();
        const missing = response.errorTypes.filter((type) => !text.includes(type));
        expect({ status: response.status, missing }).toEqual({ status: response.status, missing: [] });
      }
    },
  );
});
