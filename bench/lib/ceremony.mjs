// The ceremony measurement: click → signed in, with a DevTools virtual authenticator, on the kit's
// <passkey-login discoverable> and on a bare page that calls @simplewebauthn/browser itself.
// One user signs up first; the sides alternate from round to round, after one warm-up each.

export async function ceremony(browser, base, iterations) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable', {enableUI: false});
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await page.goto(`${base}/ceremony-bare.html`, {waitUntil: 'load'});
  await page.waitForFunction(() => typeof window.benchSignup === 'function');
  const user = await page.evaluate(
    (u) => window.benchSignup(u),
    `bench-${Date.now().toString(36)}`,
  );

  const sides = [
    {
      name: 'kit',
      page: 'ceremony-kit.html',
      button: 'passkey-login >>> [part=button]',
      ready: async () => {
        await page.waitForFunction(() => customElements.get('passkey-login'));
        await page.evaluate(() => document.querySelector('passkey-login').updateComplete);
        // Support detection (platform authenticator, autofill) runs on connect; a person clicks
        // long after it has finished, so the click waits for it too.
        await page.waitForFunction(
          () => document.querySelector('passkey-login').platformAuthenticator !== undefined,
        );
      },
    },
    {
      name: 'bare',
      page: 'ceremony-bare.html',
      button: '#signin',
      ready: () => page.waitForFunction(() => typeof window.benchSignup === 'function'),
    },
  ];

  const once = async (side) => {
    await page.goto(`${base}/${side.page}`, {waitUntil: 'load'});
    await side.ready();
    // Both sides settle the same way before the click: an idle period of the page.
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), {timeout: 200})));
    await page.evaluate(async () => {
      const res = await fetch('/passkeys/session', {method: 'DELETE', credentials: 'include'});
      if (res.status !== 204) throw new Error(`sign-out answered ${res.status}`);
      window.__benchDone = window.__benchArm();
    });
    await page.click(side.button);
    const r = await page.evaluate(() => window.__benchDone);
    if (r.user?.id !== user.id)
      throw new Error(`${side.name}: signed in as ${JSON.stringify(r.user)}, expected ${user.id}`);
    return r.ms;
  };

  for (const side of sides) await once(side); // warm-up, not counted
  const samples = {kit: [], bare: []};
  for (let round = 0; round < iterations; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) samples[side.name].push(await once(side));
  }
  await context.close();
  return samples;
}
