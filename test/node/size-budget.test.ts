// The size budgets, in CI (npm test): what a site downloads for <passkey-login> alone (≤ 11 kB
// brotli), with <passkey-register> (≤ 12 kB), the whole kit in English (≤ 17 kB), and each locale
// module when there are any (≤ 1.6 kB each, on top of the kit; its texts only: the shared message
// id table, src/locales/ids.ts, is measured on its own line with no budget). The measuring is
// scripts/size-lib.mjs (templates minified as the builds do), the same as `npm run size` and
// `npm run bench`. A failure names the entry, how far over it is, and what grew (against
// bench/size-baseline.json, else its largest inputs).
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {
  BUDGETS,
  checkBudgets,
  localeModules,
  measureAll,
  LOCALE_BUDGET,
  type BudgetResult,
} from '../../scripts/size-lib.mjs';

let budgets: BudgetResult[];
let missing: string[];

before(async () => {
  const measured = await measureAll();
  assert.deepEqual(measured.errors, [], 'every entry bundles');
  budgets = checkBudgets(measured.rows);
  missing = measured.missing;
});

for (const {entry, maxBrotli} of BUDGETS) {
  test(`${entry}: at most ${maxBrotli} B brotli`, () => {
    const b = budgets.find((x) => x.entry === entry)!;
    assert.notEqual(b.brotli, null, `${entry} was not measured: ${missing.join('; ')}`);
    assert.ok(b.ok, b.message);
  });
}

const locales = localeModules();
test(
  `each locale module: at most ${LOCALE_BUDGET} B brotli on top of the kit`,
  {skip: locales.length ? false : 'no src/locales/*.ts yet'},
  () => {
    const over = budgets.filter((b) => b.entry.startsWith('locale: ') && !b.ok);
    assert.equal(
      budgets.filter((b) => b.entry.startsWith('locale: ')).length,
      locales.length,
      'every locale module was measured',
    );
    assert.deepEqual(
      over.map((b) => b.message),
      [],
    );
  },
);
