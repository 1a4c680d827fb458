// Every locale is complete and current: the messages are extracted from src/ now (as
// `npm run localize:extract` does), and every XLIFF must translate each of them with the same
// placeholders; the committed XLIFF and src/locales/*.ts must be what extract and build (lit-
// localize build, then scripts/pack-locales.mjs) would write, and the kit's loader must give,
// for every locale, exactly the templates lit-localize built. A new msg() in src/ without a
// translation in every locale fails here.
import assert from 'node:assert/strict';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {readConfigFileAndWriteSchema} from '@lit/localize-tools/lib/config.js';
import type {Message, Placeholder} from '@lit/localize-tools/lib/messages.js';
import {RuntimeLitLocalizer} from '@lit/localize-tools/lib/modes/runtime.js';
import type {RuntimeOutputConfig} from '@lit/localize-tools/lib/types/modes.js';
import {PACKED_DIR, pack, writePacked} from '../../scripts/pack-locales.mjs';
import {loadPasskeyLocale} from '../../src/localization.js';

const root = new URL('../..', import.meta.url).pathname;
const config = readConfigFileAndWriteSchema(join(root, 'lit-localize.json'));
const output = config.output as RuntimeOutputConfig;
const xliffDir = config.resolve((config.interchange as {xliffDir: string}).xliffDir);
const locales = config.targetLocales;

/** A message as text, placeholders shown as {…} with their source expression. */
const text = (m: Message) =>
  m.contents.map((c) => (typeof c == 'string' ? c : `{${c.untranslatable}}`)).join('');
const placeholders = (m: Message) =>
  m.contents
    .filter((c): c is Placeholder => typeof c != 'string')
    .map((c) => c.untranslatable)
    .sort();

let localizer: RuntimeLitLocalizer;
let source: Message[];
let translations: Map<string, Message[]>;
let tmp: string;
/** Why lit-localize build failed (a placeholder error, say): fails only the checks that need its output. */
let buildError: unknown;

// One localizer (one TypeScript program: extraction is the slow part) for every check. It reads
// and writes copies in a temp folder only (under the repository's ignored .tmp/, so that the
// modules built there resolve @lit/localize): a check never changes what is committed.
before(async () => {
  mkdirSync(join(root, '.tmp'), {recursive: true});
  tmp = mkdtempSync(join(root, '.tmp', 'locales-test-'));
  cpSync(xliffDir, join(tmp, 'xliff'), {recursive: true});
  localizer = new RuntimeLitLocalizer({
    ...config,
    interchange: {format: 'xliff', xliffDir: join(tmp, 'xliff')},
    output: {
      ...output,
      outputDir: join(tmp, 'lit-localize'),
      localeCodesModule: join(tmp, 'locales', 'locale-codes.ts'),
    },
  });
  const extracted = localizer.extractSourceMessages();
  assert.deepEqual(
    extracted.errors.map((e) => String(e.messageText)),
    [],
    'msg() calls lit-localize cannot extract',
  );
  source = extracted.messages;
  translations = localizer.readTranslationsSync().translations;
  // lit-localize's modules, in tmp/lit-localize: what the pack step reads.
  await localizer.build().catch((e: unknown) => (buildError = e));
});
after(() => rmSync(tmp, {recursive: true, force: true}));

test('lit-localize.json: runtime mode, en source, at least 12 target locales incl. right-to-left ar and he', () => {
  assert.equal(output.mode, 'runtime');
  assert.equal(config.sourceLocale, 'en');
  assert.ok(locales.length >= 12, `${locales.length} target locales`);
  for (const l of ['de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'pl', 'ja', 'zh-Hans', 'ko', 'ar', 'he'])
    assert.ok((locales as string[]).includes(l), l);
  assert.ok(source.length > 0, 'no messages extracted from src/');
});

for (const locale of locales) {
  test(`${locale}: every message translated, same placeholders, nothing stale`, () => {
    const own = new Map((translations.get(locale) ?? []).map((m) => [m.name, m]));
    const missing = source.filter(
      (m) => !own.get(m.name)?.contents.some((c) => typeof c != 'string' || c.trim()),
    );
    assert.deepEqual(
      missing.map(text),
      [],
      `${locale} lacks these messages: translate them in xliff/${locale}.xlf (after npm run localize:extract), then npm run localize:build`,
    );
    const mismatched = source.filter(
      (m) => own.has(m.name) && placeholders(m).join() !== placeholders(own.get(m.name)!).join(),
    );
    assert.deepEqual(
      mismatched.map((m) => `${text(m)} → ${text(own.get(m.name)!)}`),
      [],
      `${locale}: placeholders differ from the source`,
    );
    const ids = new Set(source.map((m) => m.name));
    assert.deepEqual(
      [...own.keys()].filter((id) => !ids.has(id)),
      [],
      `${locale}: translations of messages no longer in src/ (npm run localize:extract)`,
    );
  });
}

test('xliff/ is what npm run localize:extract writes now', async () => {
  const dir = join(tmp, 'xliff');
  await localizer.writeInterchangeFiles();
  for (const locale of locales) {
    const file = `${locale}.xlf`;
    assert.equal(
      readFileSync(join(xliffDir, file), 'utf8'),
      readFileSync(join(dir, file), 'utf8'),
      `xliff/${file} is stale: npm run localize:extract`,
    );
  }
});

test('src/locales is what npm run localize:build writes now (lit-localize build, then the pack step)', async () => {
  if (buildError) throw buildError;
  const dir = join(tmp, 'locales');
  writePacked(pack({from: join(tmp, 'lit-localize'), locales}), dir);
  const built = readdirSync(dir).sort();
  assert.deepEqual(
    readdirSync(PACKED_DIR)
      .filter((f) => f.endsWith('.ts'))
      .sort(),
    built,
  );
  for (const file of built) {
    assert.equal(
      readFileSync(join(PACKED_DIR, file), 'utf8'),
      readFileSync(join(dir, file), 'utf8'),
      `src/locales/${file} is stale: npm run localize:build`,
    );
  }
});

test("the kit's loader gives, per locale, exactly the templates lit-localize builds, one for every source message", async () => {
  if (buildError) throw buildError;
  for (const locale of locales) {
    const {templates} = await loadPasskeyLocale(locale);
    const absent = source.filter((m) => !templates[m.name]);
    assert.deepEqual(
      absent.map(text),
      [],
      `src/locales/${locale}.ts lacks these (npm run localize:build)`,
    );
    const built = (await import(pathToFileURL(join(tmp, 'lit-localize', `${locale}.ts`)).href)) as {
      templates: Record<string, unknown>;
    };
    assert.deepEqual(
      templates,
      built.templates,
      `${locale}: the packed module zipped with ids.ts is not what lit-localize built`,
    );
  }
});
