// Username-first sign-in with the site's own input in the `username` slot, written the natural
// way (the input inside a slotted <label>, as in the Storybook story): what the user types is the
// username the backend is asked about, and Enter in that input signs in. Real ceremonies: the
// reference backend and the virtual authenticator.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import {getSession, registerPasskey, signOut, uniqueName, type User} from '../helpers/backend.js';
import {click, outcome, part, type} from '../helpers/dom.js';
import {addVirtualAuthenticator, clearCredentials} from '../helpers/webauthn.js';

/** The bodies the page POSTed to the backend's authentication/options, as JSON. */
function watchOptions() {
  const bodies: unknown[] = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url, location.href).pathname === '/passkeys/authentication/options')
      bodies.push(JSON.parse(String(init?.body ?? 'null')));
    return realFetch(input, init);
  };
  return {bodies, restore: () => void (window.fetch = realFetch)};
}

describe('<passkey-login> with a label-wrapped input in the username slot (e2e)', () => {
  let user: User;
  let watch: ReturnType<typeof watchOptions>;

  before(async () => {
    await addVirtualAuthenticator();
    await clearCredentials();
    ({user} = await registerPasskey({username: uniqueName('slotted')}));
  });
  beforeEach(async () => {
    await signOut();
    watch = watchOptions();
  });
  afterEach(() => watch.restore());
  after(() => clearCredentials());

  const login = () =>
    fixture<PasskeyLogin>(
      html`<passkey-login
        ><label slot="username"
          >User <input name="username" autocomplete="username webauthn" /></label
      ></passkey-login>`,
    );

  it('Enter in the input signs in with the typed username', async () => {
    const el = await login();
    await type(el.querySelector('input')!, user.username);
    const done = outcome<{user: User}>(el, 'passkey-authenticated');
    await sendKeys({press: 'Enter'});
    const late = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('Enter did not sign in within 5 s')), 5000),
    );
    expect((await Promise.race([done, late])).user.id).to.equal(user.id);
    expect(watch.bodies).to.deep.equal([{username: user.username}]);
    expect((await getSession()).user?.id).to.equal(user.id);
  });

  it('the button signs in with the typed username', async () => {
    const el = await login();
    await type(el.querySelector('input')!, user.username);
    const done = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    expect((await done).detail.user.id).to.equal(user.id);
    expect(watch.bodies).to.deep.equal([{username: user.username}]);
  });
});
