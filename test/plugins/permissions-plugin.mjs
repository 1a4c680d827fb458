// A web-test-runner plugin that grants the test page browser permissions, so tests can use the
// real API behind them instead of a spy: `executeServerCommand('permissions:grant',
// {permissions: ['clipboard-read', 'clipboard-write']})` (test/helpers/dom.ts grantPermissions()).
// Puppeteer-based Chromium launcher only; the grant lasts as long as the page's browser context.

export function permissionsPlugin() {
  return {
    name: 'passkey-elements-permissions',
    async executeCommand({command, payload, session}) {
      if (command !== 'permissions:grant') return undefined;
      const page = session.browser?.getPage?.(session.id);
      if (!page) throw new Error(`${command} needs a puppeteer-based Chromium launcher`);
      await page
        .browserContext()
        .overridePermissions(new URL(page.url()).origin, payload.permissions);
      return true;
    },
  };
}
