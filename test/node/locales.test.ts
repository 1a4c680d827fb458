// Every locale is complete and current: the messages are extracted from src/ now (as
// `npm run localize:extract` does), and every XLIFF must translate each of them with the same
// placeholders; the committed XLIFF and src/locales/*.ts must be what extract and build (lit-
// localize build, then scripts/pack-locales.mjs) would write, and the kit's loader must give,
// for every locale, exactly the templates lit-localize built. A new msg() in src/ without a
// translation in every locale fails here.
//
// lit-localize is driven through its command line (its public interface), on copies: a config
// beside them in a temp folder points extract and build at a copy of xliff/ and at temp output,
// so a check never changes what is committed.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {PACKED_DIR, pack, writePacked} from '../../scripts/pack-locales.mjs';
import {loadPasskeyLocale} from '../../src/localization.js';

const root = new URL('../..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const xliffDir = join(root, config.interchange.xliffDir);
const locales: string[] = config.targetLocales;

/** One trans-unit of an XLIFF file, as lit-localize writes them. */
interface Unit {
  id: string;
  source: string;
  target?: string;
}

/** The trans-units of an XLIFF file (lit-localize's own regular output), by id. */
function units(file: string): Map<string, Unit> {
  const xml = readFileSync(file, 'utf8');
  const out = new Map<string, Unit>();
  for (const [, id, body] of xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const source = body.match(/<source>([\s\S]*?)<\/source>/)?.[1] ?? '';
    const target = body.match(/<target>([\s\S]*?)<\/target>/)?.[1];
    out.set(id, {id, source, target});
  }
  return out;
}

/** A message as text, placeholders shown as {…} with their source expression. */
const text = (xliff: string) => xliff.replace(/<x id="[^"]*" equiv-text="([^"]*)"\/>/g, '{$1}');
/** The source expressions of a message's placeholders, sorted. */
const placeholders = (xliff: string) =>
  [...xliff.matchAll(/<x id="[^"]*" equiv-text="([^"]*)"\/>/g)].map((m) => m[1]).sort();

let tmp: string;
/** What `lit-localize extract` wrote for each locale, from src/ as it is now. */
let extracted: Map<string, Map<string, Unit>>;
/** The source messages (the same in every extracted file). */
let source: Unit[];
/** Why extract failed (a msg() it cannot read): fails every check. */
let extractError: string | undefined;
/** Why lit-localize build failed (a placeholder error, say): fails only the checks that need its output. */
let buildError: string | undefined;

/** Runs the lit-localize command line with the config file `configFile`. */
const litLocalize = (command: 'extract' | 'build', configFile: string) =>
  spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js'),
      `--config=${configFile}`,
      command,
    ],
    {cwd: root, encoding: 'utf8'},
  );

// Under the repository's ignored .tmp/, so that the modules lit-localize builds there resolve
// @lit/localize.
before(() => {
  mkdirSync(join(root, '.tmp'), {recursive: true});
  tmp = mkdtempSync(join(root, '.tmp', 'locales-test-'));
  cpSync(xliffDir, join(tmp, 'xliff'), {recursive: true});
  const configFile = join(tmp, 'lit-localize.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      ...config,
      tsConfig: join(root, config.tsConfig),
      interchange: {...config.interchange, xliffDir: join(tmp, 'xliff')},
      output: {
        ...config.output,
        outputDir: join(tmp, 'lit-localize'),
        localeCodesModule: join(tmp, 'locales', 'locale-codes.ts'),
      },
    }),
  );
  const extract = litLocalize('extract', configFile);
  if (extract.status !== 0) extractError = extract.stdout + extract.stderr;
  extracted = new Map(locales.map((l) => [l, units(join(tmp, 'xliff', `${l}.xlf`))]));
  source = [...(extracted.get(locales[0])?.values() ?? [])];
  // lit-localize's modules, in tmp/lit-localize: what the pack step reads.
  const build = litLocalize('build', configFile);
  if (build.status !== 0) buildError = build.stdout + build.stderr;
});
after(() => rmSync(tmp, {recursive: true, force: true}));

test('lit-localize.json: runtime mode, en source, at least 12 target locales incl. right-to-left ar and he', () => {
  assert.equal(extractError, undefined, 'msg() calls lit-localize cannot extract');
  assert.equal(config.output.mode, 'runtime');
  assert.equal(config.sourceLocale, 'en');
  assert.ok(locales.length >= 12, `${locales.length} target locales`);
  for (const l of ['de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'pl', 'ja', 'zh-Hans', 'ko', 'ar', 'he'])
    assert.ok(locales.includes(l), l);
  assert.ok(source.length > 0, 'no messages extracted from src/');
});

for (const locale of locales) {
  test(`${locale}: every message translated, same placeholders, nothing stale`, () => {
    assert.equal(extractError, undefined, 'msg() calls lit-localize cannot extract');
    const own = units(join(xliffDir, `${locale}.xlf`));
    const missing = source.filter((m) => !own.get(m.id)?.target?.trim());
    assert.deepEqual(
      missing.map((m) => text(m.source)),
      [],
      `${locale} lacks these messages: translate them in xliff/${locale}.xlf (after npm run localize:extract), then npm run localize:build`,
    );
    const mismatched = source.filter(
      (m) =>
        own.get(m.id)?.target !== undefined &&
        placeholders(m.source).join() !== placeholders(own.get(m.id)!.target!).join(),
    );
    assert.deepEqual(
      mismatched.map((m) => `${text(m.source)} → ${text(own.get(m.id)!.target!)}`),
      [],
      `${locale}: placeholders differ from the source`,
    );
    const ids = new Set(source.map((m) => m.id));
    assert.deepEqual(
      [...own.keys()].filter((id) => !ids.has(id)),
      [],
      `${locale}: translations of messages no longer in src/ (npm run localize:extract)`,
    );
  });
}

test('xliff/ is what npm run localize:extract writes now', () => {
  assert.equal(extractError, undefined, 'msg() calls lit-localize cannot extract');
  for (const locale of locales) {
    const file = `${locale}.xlf`;
    assert.equal(
      readFileSync(join(xliffDir, file), 'utf8'),
      readFileSync(join(tmp, 'xliff', file), 'utf8'),
      `xliff/${file} is stale: npm run localize:extract`,
    );
  }
});

test('src/locales is what npm run localize:build writes now (lit-localize build, then the pack step)', () => {
  assert.equal(buildError, undefined, 'lit-localize build failed');
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
  assert.equal(buildError, undefined, 'lit-localize build failed');
  for (const locale of locales) {
    const {templates} = await loadPasskeyLocale(locale);
    const absent = source.filter((m) => !templates[m.id]);
    assert.deepEqual(
      absent.map((m) => text(m.source)),
      [],
      `src/locales/${locale}.ts lacks these (npm run localize:build)`,
    );
    const module = join(tmp, 'lit-localize', `${locale}.ts`);
    assert.ok(existsSync(module), `lit-localize built ${locale}.ts`);
    const built = (await import(pathToFileURL(module).href)) as {
      templates: Record<string, unknown>;
    };
    assert.deepEqual(
      templates,
      built.templates,
      `${locale}: the packed module zipped with ids.ts is not what lit-localize built`,
    );
  }
});
