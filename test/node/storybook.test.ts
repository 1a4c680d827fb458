// Every story, opened in headless Chromium: Storybook is built (unless a build newer than its
// sources is already in .tmp/storybook/static), served on localhost, and each entry of its
// index.json gets a test: the story renders (no error display), its play function passes, the
// element has a shadow root, nothing is logged as an error, and axe-core finds no violation at
// 280, 360, 768 or 1280 px.
// Each docs page is opened too (renders, no errors). Screenshots go to .tmp/storybook/.
//
//   node --import tsx --test test/node/storybook.test.ts
//   STORYBOOK_REBUILD=1 …   build even when the existing build looks current
//   CHROME_PATH=…           another Chromium
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {createRequire} from 'node:module';
import type {AddressInfo} from 'node:net';
import {extname, join, normalize, sep} from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Browser, Page} from 'puppeteer-core';
import {launchChromium} from './helpers/browser.js';
import {errorsByTag, errorStoryId} from '../../stories/error-codes.js';

const root = new URL('../..', import.meta.url).pathname;
const out = join(root, '.tmp', 'storybook');
const staticDir = join(out, 'static');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** The widths each story is checked with axe at: the layout test's containers, and a desktop. */
const AXE_WIDTHS = [280, 360, 768, 1280];
/** The width of the screenshot each story leaves in .tmp/storybook/. */
const SCREENSHOT_WIDTH = 360;
/** Pages open at once (each in its own browser context). */
const PARALLEL = Number(process.env.STORYBOOK_TEST_PARALLEL ?? 5);

interface Entry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}

interface Declaration {
  tagName?: string;
  description?: string;
  cssProperties?: {name: string; default?: string}[];
}
const declarations: Declaration[] = JSON.parse(
  readFileSync(join(root, 'custom-elements.json'), 'utf8'),
).modules.flatMap((m: {declarations?: Declaration[]}) => m.declarations ?? []);
/** Text as a docs page shows it: no Markdown backticks, one space between words. */
const plain = (text: string) => text.replace(/`/g, '').replace(/\s+/g, ' ').trim();

// ─── build ──────────────────────────────────────────────────────────────────────────────────

/** Newest modification time under the given files and folders. */
function newest(paths: string[]): number {
  let t = 0;
  for (const p of paths.map((x) => join(root, x))) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory())
      t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n).slice(root.length))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

const index = join(staticDir, 'index.json');
const sources = ['src', 'stories', '.storybook', 'custom-elements.json', 'package-lock.json'];
if (
  process.env.STORYBOOK_REBUILD ||
  !existsSync(index) ||
  statSync(index).mtimeMs < newest(sources)
) {
  const started = Date.now();
  const built = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/storybook/dist/bin/dispatcher.js'),
      'build',
      '--quiet',
      '--disable-telemetry',
      '-o',
      staticDir,
    ],
    {cwd: root, encoding: 'utf8', env: {...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1'}},
  );
  assert.equal(built.status, 0, `storybook build failed:\n${built.stdout}\n${built.stderr}`);
  console.log(`# storybook built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const entries = Object.values(
  JSON.parse(readFileSync(index, 'utf8')).entries as Record<string, Entry>,
);
const stories = entries.filter((e) => e.type === 'story');
const docs = entries.filter((e) => e.type === 'docs');

// ─── server and browser ─────────────────────────────────────────────────────────────────────

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

let server: Server;
let base: string;
let browser: Browser;
const idle: Page[] = [];
const waiting: ((p: Page) => void)[] = [];

async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const page = idle.pop() ?? (await new Promise<Page>((r) => waiting.push(r)));
  try {
    return await fn(page);
  } finally {
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
    page.removeAllListeners('requestfailed');
    const next = waiting.shift();
    if (next) next(page);
    else idle.push(page);
  }
}

before(async () => {
  server = createServer((req, res) => {
    // Chromium asks for /favicon.ico on its own; Storybook's iframe has none.
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(staticDir, path);
    if (!file.startsWith(staticDir + sep) && file !== staticDir)
      return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, {'content-type': types[extname(file)] ?? 'application/octet-stream'});
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  // `localhost` (not 127.0.0.1): a secure context, so WebAuthn exists in the page.
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  mkdirSync(out, {recursive: true});
  browser = await launchChromium();
  for (let i = 0; i < PARALLEL; i++) {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport({width: 640, height: 480});
    idle.push(page);
  }
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** Opens a Storybook URL, collecting what the page logs as errors. */
async function open(page: Page, url: string) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()} ${m.location()?.url ?? ''}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${(e as Error).message ?? e}`));
  page.on('requestfailed', (r) =>
    errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
  );
  await page.goto(url, {waitUntil: 'load'});
  return errors;
}

/** Waits until Storybook has finished the story (rendered, played) and says how it ended. */
async function settled(page: Page, id: string) {
  await page.waitForFunction(
    (id: string) => {
      const w = window as unknown as {
        __STORYBOOK_PREVIEW__?: {storyRenders?: {id: string; phase?: string}[]};
      };
      const phase = w.__STORYBOOK_PREVIEW__?.storyRenders?.find((r) => r.id === id)?.phase;
      return (
        document.body.classList.contains('sb-show-errordisplay') ||
        phase === 'finished' ||
        phase === 'aborted'
      );
    },
    {timeout: 15_000},
    id,
  );
  return page.evaluate(() => ({
    shown: document.body.classList.contains('sb-show-main')
      ? 'main'
      : document.body.classList.contains('sb-show-errordisplay')
        ? 'error'
        : document.body.className,
    error:
      `${document.querySelector('#error-message')?.textContent ?? ''}\n${document.querySelector('#error-stack')?.textContent ?? ''}`.trim(),
  }));
}

/**
 * Stories that show a known defect of an element, reported but not yet fixed in src/. They
 * still run and still fail; node:test reports them as TODO, so the suite passes while they are
 * listed, and an entry whose story passes again should be removed.
 */
const knownIssues: Record<string, string> = {};

// ─── tests ──────────────────────────────────────────────────────────────────────────────────

test('the index has stories for every element, and one per listed error case', () => {
  const elements = readdirSync(join(root, 'src/elements')).filter((d) => d !== 'shared');
  const titles = new Set(stories.map((s) => s.title));
  assert.deepEqual(
    elements.filter((tag) => !titles.has(`Elements/${tag}`)),
    [],
    'elements without stories',
  );
  assert.deepEqual(
    elements.filter((tag) => !errorsByTag[tag]),
    [],
    'elements without error cases in stories/error-codes.ts',
  );
  const ids = new Set(stories.map((s) => s.id));
  const missing = Object.entries(errorsByTag).flatMap(([tag, cases]) =>
    cases.map((c) => errorStoryId(tag, c)).filter((id) => !ids.has(id)),
  );
  assert.deepEqual(missing, []);
});

describe('stories', {concurrency: PARALLEL}, () => {
  for (const story of stories) {
    test(`${story.title} › ${story.name}`, {todo: knownIssues[story.id]}, () =>
      withPage(async (page) => {
        const errors = await open(page, `${base}/iframe.html?id=${story.id}&viewMode=story`);
        const {shown, error} = await settled(page, story.id);
        assert.equal(shown, 'main', `Storybook showed an error:\n${error}`);

        const tag = story.title.split('/').pop()!;
        const rendered = await page.$eval(
          '#storybook-root',
          (root, tag) => {
            const el = root.querySelector(tag);
            return {
              found: !!el,
              shadow: !!el?.shadowRoot,
              children: el?.shadowRoot?.childElementCount ?? 0,
            };
          },
          tag,
        );
        assert.ok(rendered.found, `<${tag}> is not in the story`);
        assert.ok(rendered.shadow && rendered.children > 0, `<${tag}> rendered no shadow content`);

        // axe at every width a site may give the element: each story's canvas at 280, 360,
        // 768 and 1280 px wide (the elements switch layout by container query, so each width
        // is its own layout to check).
        await page.addScriptTag({path: axePath});
        const violations: string[] = [];
        for (const width of AXE_WIDTHS) {
          await page.setViewport({width, height: 800});
          violations.push(
            ...(await page.evaluate(async (width) => {
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
              const axe = (window as unknown as {axe: typeof import('axe-core')}).axe;
              // `region` is about the page around the story (Storybook's a11y addon turns it off too).
              const result = await axe.run('#storybook-root', {rules: {region: {enabled: false}}});
              return result.violations.map(
                (v) =>
                  `at ${width} px: ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.replace(/\n\s*/g, ' ')}`).join('\n  ')}`,
              );
            }, width)),
          );
          if (width === SCREENSHOT_WIDTH) {
            const box = await page.$('#storybook-root');
            await box?.screenshot({path: join(out, `${story.id}.png`)});
          }
        }
        await page.setViewport({width: 640, height: 480});

        assert.deepEqual(errors, [], 'the story logged errors');
        assert.deepEqual(violations, [], 'axe-core found violations');
      }),
    );
  }

  for (const entry of docs) {
    const mdx = entry.tags?.includes('unattached-mdx');
    test(`${entry.title} › docs page`, () =>
      withPage(async (page) => {
        const errors = await open(page, `${base}/iframe.html?id=${entry.id}&viewMode=docs`);
        await page.waitForFunction(
          () =>
            document.body.classList.contains('sb-show-main') ||
            document.body.classList.contains('sb-show-errordisplay'),
          {timeout: 15_000},
        );
        await page.waitForSelector('.sbdocs-content', {timeout: 15_000});
        if (mdx) {
          // The introduction: what the kit is, and every element by its tag.
          const text = await page.$eval('.sbdocs-content', (c) => c.textContent!);
          assert.equal(
            await page.$eval('.sbdocs-content h1', (h) => h.textContent),
            'passkey-elements',
          );
          const tags = readdirSync(join(root, 'src/elements')).filter((d) => d !== 'shared');
          assert.deepEqual(
            tags.filter((tag) => !text.includes(`<${tag}>`)),
            [],
            'elements the introduction does not name',
          );
          assert.deepEqual(errors, [], 'the docs page logged errors');
          return;
        }
        const {tags, argRows, paragraphs, headings, rows} = await page.evaluate(() => ({
          tags: document.querySelectorAll('.docs-story [data-story-block] *').length,
          argRows: document.querySelectorAll('.docblock-argstable tbody tr').length,
          paragraphs: [...document.querySelectorAll('.sbdocs-content p')].map(
            (p) => p.textContent!,
          ),
          headings: [...document.querySelectorAll('.sbdocs-content h3')].map((h) => h.textContent),
          rows: [...document.querySelectorAll('.docblock-argstable tbody tr')].map((r) =>
            [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''),
          ),
        }));
        assert.ok(tags > 0, 'the docs page shows no story');
        assert.ok(argRows > 0, 'the docs page has no args table (custom-elements.json not read?)');

        // It starts with what the element does (its JSDoc), then the note on stubs.
        const tag = entry.title.split('/').pop()!;
        const decl = declarations.find((d) => d.tagName === tag)!;
        const firstParagraph = plain(decl.description!.split(/\n\s*\n/)[0]);
        assert.equal(plain(paragraphs[0] ?? ''), firstParagraph, 'the first paragraph');
        const stub = paragraphs.findIndex((p) => p.startsWith('Every story runs without'));
        assert.ok(stub > 0, 'the note on stubs follows the description');

        // Each story has the name the sidebar gives it.
        const names = stories.filter((s) => s.title === entry.title).map((s) => s.name);
        assert.deepEqual(headings, names, 'story names on the docs page = in the sidebar');

        // Custom properties with their defaults; "Read-only." said once.
        for (const {name, default: value} of decl.cssProperties ?? []) {
          const row = rows.find((r) => r[0].trim() === name);
          assert.ok(row, `${name} has a row`);
          assert.ok(
            value && row[2].includes(value),
            `${name} shows its default ${value}: ${row[2]}`,
          );
        }
        for (const row of rows)
          assert.ok((row[1].match(/Read-only/g) ?? []).length <= 1, `${row[0]}: ${row[1]}`);
        assert.deepEqual(errors, [], 'the docs page logged errors');
      }));
  }
});

test("the toolbar's Language and Theme reach the stories", () =>
  withPage(async (page) => {
    const id = 'elements-passkey-login--default';
    const button = () =>
      page.$eval(
        '#storybook-root passkey-login',
        (el) => el.shadowRoot!.querySelector('[part=button]')!.textContent!,
      );
    await open(page, `${base}/iframe.html?id=${id}&viewMode=story`);
    await settled(page, id);
    const english = await button();

    await open(page, `${base}/iframe.html?id=${id}&viewMode=story&globals=locale:ar;theme:brand`);
    await settled(page, id);
    await page.waitForFunction(() =>
      /[\u0600-\u06ff]/.test(
        document.querySelector('#storybook-root passkey-login')!.shadowRoot!.textContent!,
      ),
    );
    assert.notEqual(await button(), english);
    const look = await page.$eval('#storybook-root passkey-login', (el) => ({
      direction: getComputedStyle(el).direction,
      primary: getComputedStyle(el).getPropertyValue('--passkey-color-primary'),
    }));
    assert.equal(look.direction, 'rtl');
    assert.match(look.primary, /#6d28d9/);

    await open(page, `${base}/iframe.html?id=${id}&viewMode=story&globals=theme:dark`);
    await settled(page, id);
    assert.equal(
      await page.$eval('#storybook-root passkey-login', (el) => getComputedStyle(el).colorScheme),
      'dark',
    );
  }));
