/**
 * Limits (v1.1): the per-account budget for a guessable secret is taken before the secret is
 * checked, so a burst of parallel guesses gets at most 10 checked. Seen from outside: at most 10
 * answers say "wrong", the others are `429`, and then even the right code is `429`. (The
 * per-client limit is not probed: the run would lock itself out.)
 */
import {randomBytes} from 'node:crypto';
import {CheckSkipped, expectError, expectStatus, fail, type Check} from '../kit.js';

const BURST = 14;
const BUDGET = 10;

export const limitChecks: Check[] = [
  {
    group: 'errors',
    name: `${BURST} parallel wrong recovery codes (v1.1): at most ${BUDGET} checked, the rest and then the right code 429`,
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.post('/recovery/codes', {});
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no POST /recovery/codes');
      expectStatus(r, 200, 'POST /recovery/codes');
      const wrong = () => (randomBytes(8).toString('hex').match(/..../g) ?? []).join('-');
      const answers = await Promise.all(
        Array.from({length: BURST}, () =>
          kit.browser().post('/recovery/redeem', {username: a.username, code: wrong()}),
        ),
      );
      const checked = answers.filter((x) => x.status === 400);
      if (checked.length > BUDGET)
        fail(`${checked.length} of ${BURST} parallel wrong codes were checked (400)`);
      for (const x of checked) expectError(x, 400, 'verification_failed', 'a wrong code');
      for (const x of answers.filter((x) => x.status !== 400))
        expectError(x, 429, 'rate_limited', 'a wrong code past the budget');
      expectError(
        await kit.browser().post('/recovery/redeem', {username: a.username, code: r.body.codes[0]}),
        429,
        'rate_limited',
        'the right code after the burst',
      );
    },
  },
];
