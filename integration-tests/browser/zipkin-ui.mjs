// Drives the Zipkin UI (Lens) in headless Chromium the way a person would: opens the address
// skein-local prints (the UI with ?key=, which leaves the key in a cookie), picks a service on the
// discover page, runs the query, opens the trace from the results and reads its spans from the
// span table. First, in a browser context of its own that was never given the key, it makes the
// UI's services call and notes the status. Prints what it saw as one JSON object on stdout (also
// when a step fails, with "error" set, and then exits 1), and saves a screenshot of the last page
// it reached.
//
//   node zipkin-ui.mjs --url http://127.0.0.1:9411/zipkin/ --key skn1.local.… --service frontend \
//       --trace <32 hex> --screenshot target/ui/zipkin-trace.png [--chromium /usr/bin/chromium]
//
// Chromium comes from the system (playwright-core downloads none): --chromium, else
// $CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH.
import { chromium } from 'playwright-core';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    service: { type: 'string' },
    trace: { type: 'string' },
    screenshot: { type: 'string' },
    chromium: { type: 'string' },
    timeout: { type: 'string', default: '30000' },
  },
});
for (const required of ['url', 'key', 'service', 'trace', 'screenshot']) {
  if (!args[required]) {
    console.error(`--${required} is required`);
    process.exit(2);
  }
}

function findChromium() {
  if (args.chromium) return args.chromium;
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error('no Chromium: install it (Debian: apt-get install chromium) or pass --chromium');
}

const seen = {
  url: args.url,
  statusWithoutKey: null,
  addressAfterKey: null,
  keyCookie: null,
  servicesOffered: [],
  tracesListed: [],
  traceShown: null,
  spans: [],
  httpErrors: [],
  screenshot: args.screenshot,
  error: null,
};

// Playwright gives the browser a fresh profile of its own, and each context its own cookies;
// without the networking flags Chromium keeps calling home.
let browser;
let page;
try {
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // Playwright's own default is 3 minutes, as long as ZipkinUiIT waits for this whole script.
    timeout: Number(args.timeout),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  // Without the key: the UI loads, but its API call is refused.
  const stranger = await (await browser.newContext()).newPage();
  stranger.setDefaultTimeout(Number(args.timeout));
  await stranger.goto(args.url);
  const servicesUrl = new URL('api/v2/services', args.url).href;
  seen.statusWithoutKey = await stranger.evaluate(async (u) => (await fetch(u)).status, servicesUrl);

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(Number(args.timeout));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.httpErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => seen.httpErrors.push(`${r.failure()?.errorText} ${r.method()} ${r.url()}`));

  // The printed address: the key goes into a cookie, and out of the address bar.
  const keyLink = new URL(args.url);
  keyLink.searchParams.set('key', args.key);
  await page.goto(keyLink.href);
  seen.addressAfterKey = page.url();
  const cookie = (await context.cookies()).find((c) => c.name === 'skein-key');
  seen.keyCookie = cookie ? { path: cookie.path, httpOnly: cookie.httpOnly, sameSite: cookie.sameSite } : null;

  // The discover page: a new criterion "serviceName=" lists the services to pick from.
  await page.getByTestId('add-button').click();
  const criterion = page.getByTestId('criterion-input');
  await criterion.fill('serviceName');
  await criterion.press('Enter');
  const suggestions = criterion.locator('xpath=following-sibling::*//li');
  await suggestions.first().waitFor();
  seen.servicesOffered = await suggestions.allTextContents();
  await suggestions.filter({ hasText: new RegExp(`^${escapeRegExp(args.service)}$`) }).click();
  await page.getByRole('button', { name: /run query/i }).click();

  // The results: each trace links to its page.
  const traceLink = page.locator(`a[href$="/traces/${args.trace}"]`);
  try {
    await traceLink.waitFor();
  } finally {
    seen.tracesListed = await traceIdsListed(page);
  }

  // The trace page: its header names the trace; the span table lists every span.
  await traceLink.click();
  const header = page.getByText(args.trace, { exact: true });
  await header.waitFor();
  seen.traceShown = (await header.textContent()).trim();
  await page.screenshot({ path: screenshotPath(), fullPage: true });
  await page.getByRole('button', { name: /span table/i }).click();
  const rows = page.locator('[role="row"][data-id]');
  await rows.first().waitFor();
  for (const row of await rows.all()) {
    seen.spans.push({
      spanId: await row.getAttribute('data-id'),
      service: (await row.locator('[data-field="serviceName"]').textContent()).trim(),
      name: (await row.locator('[data-field="spanName"]').textContent()).trim(),
    });
  }
} catch (e) {
  seen.error = String(e?.message ?? e).replace(/\u001b\[[0-9;]*m/g, '');
  if (page) await page.screenshot({ path: screenshotPath(), fullPage: true }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
}
console.log(JSON.stringify(seen));
process.exit(seen.error ? 1 : 0);

function screenshotPath() {
  mkdirSync(dirname(args.screenshot), { recursive: true });
  return args.screenshot;
}

async function traceIdsListed(p) {
  const hrefs = await p.locator('a[href*="/traces/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => h.substring(h.lastIndexOf('/') + 1));
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
