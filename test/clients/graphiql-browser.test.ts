import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { listen } from '../support/raw-http.js';

// GraphiQL in a real browser (Debian's Chromium driven by playwright-core) on a closed network:
// every request that leaves the gateway is blocked and fails the test. It opens /graphql,
// waits for GraphiQL, presses run and reads the default dashboard query's data.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) {
  console.warn(
    `graphiql-browser.test.ts skipped: no browser at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
}
/** Kept for a look after the run; the folder is gitignored. */
const SCREENSHOT = join('test-artifacts', 'graphiql.png');

describe.skipIf(!present)('GraphiQL in Chromium, offline', () => {
  let gw: TestGateway;
  let server: Awaited<ReturnType<typeof listen>>;
  let profile: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    server = await listen(gw);
    profile = mkdtempSync(join(tmpdir(), 'graphiql-chromium-'));
  });
  afterAll(async () => {
    await server.close();
    await gw.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('loads with nothing from outside the gateway and runs the dashboard query', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1400, height: 900 },
    });
    const outside: string[] = [];
    const errors: string[] = [];
    try {
      // Every request of every page and worker: the gateway's own pass, anything else is refused.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`)) return route.continue();
        outside.push(url);
        return route.abort('blockedbyclient');
      });
      context.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) outside.push(url);
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => errors.push(error.message));
      const answer = page.waitForResponse(
        (r) =>
          r.url().startsWith(`${origin}/graphql`) &&
          r.request().method() === 'POST' &&
          (r.request().postData() ?? '').includes('CustomerHealth'),
        { timeout: 60_000 },
      );
      await page.goto(`${origin}/graphql`);
      await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
      // The editor shows the default dashboard query before anything is typed.
      await page.getByText('query CustomerHealth').first().waitFor({ timeout: 30_000 });
      await page.locator('.graphiql-execute-button').first().click();
      const response = await answer;
      expect(response.status()).toBe(200);
      const result = (await response.json()) as {
        data?: { vendors: unknown[]; customers: { nodes: unknown[] } };
        errors?: unknown[];
      };
      expect(result.errors).toBeUndefined();
      expect(result.data?.vendors).toHaveLength(4);
      expect(result.data?.customers.nodes).toHaveLength(5);
      // And GraphiQL shows it.
      const pane = page.locator('.graphiql-response').first();
      await expect.poll(() => pane.innerText(), { timeout: 15_000 }).toContain('"vendors"');
      expect(await pane.innerText()).toContain('USERLANE');
      // Monaco's workers run from the page itself (blob URLs), the favicon is a data URL.
      const workers = page.workers().map((w) => w.url());
      expect(workers.length).toBeGreaterThan(0);
      expect(workers.filter((u) => !u.startsWith('blob:'))).toEqual([]);
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\//);
      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await context.close();
    }
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 120_000);

  it('serves a page whose tags load nothing from another origin', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    // Tags with a src or href, outside the inlined scripts: none names another origin.
    const outsideScripts = html.replace(/<script>[\s\S]*?<\/script>/g, '');
    const references = [...outsideScripts.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map(
      (m) => m[1]!,
    );
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((ref) => /^(https?:)?\/\//i.test(ref))).toEqual([]);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|raw\.githubusercontent\.com|googleapis/);
  });
});
