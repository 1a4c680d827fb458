// A web-test-runner plugin that grants the test page browser permissions, so tests can use the
// real API behind them instead of a spy: `executeServerCommand('permissions:grant',
// {permissions: ['clipboard-read', 'clipboard-write']})` (test/helpers/dom.ts grantPermissions()).
// Puppeteer-based launchers only; the grant lasts as long as the page's browser context.
//
// Firefox has no clipboard permissions to grant (WebDriver BiDi refuses the names). Its
// clipboard asks for a user gesture and, to read, shows a Paste button; the preference
// `dom.events.testing.asyncClipboard` (what Firefox's own tests use) lets scripts read and write
// it without either. A clipboard grant sets it, for the whole browser (src/testing/firefox.ts
// reaches the preferences).

import {chromeScript} from '../../src/testing/firefox.ts';

const CLIPBOARD = /^clipboard-/;

export function permissionsPlugin() {
  return {
    name: 'passkey-elements-permissions',
    async executeCommand({command, payload, session}) {
      if (command !== 'permissions:grant') return undefined;
      const page = session.browser?.getPage?.(session.id);
      if (!page) throw new Error(`${command} needs a puppeteer-based launcher`);
      let permissions = payload.permissions;
      if (page.browser().cdpSupported === false) {
        if (permissions.some((p) => CLIPBOARD.test(p))) {
          await chromeScript(page.browser().connection)(
            'Services.prefs.setBoolPref("dom.events.testing.asyncClipboard", true);',
          );
        }
        permissions = permissions.filter((p) => !CLIPBOARD.test(p));
        if (permissions.length === 0) return true;
      }
      await page.browserContext().overridePermissions(new URL(page.url()).origin, permissions);
      return true;
    },
  };
}
