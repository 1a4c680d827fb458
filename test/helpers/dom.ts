// Small helpers to act on an element the way a user does: through its parts.
import {oneEvent} from '@open-wc/testing';
import {executeServerCommand, sendKeys, sendMouse} from '@web/test-runner-commands';

/** The first `part="name"` in an element's shadow root (or, for a piece of one, inside it). */
export function part<T extends Element = HTMLElement>(el: Element, name: string): T {
  const found = (el.shadowRoot ?? el).querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part="${name}" in <${el.localName}>`);
  return found;
}

export function parts(el: Element, name: string): HTMLElement[] {
  return [...(el.shadowRoot ?? el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** Focuses an input and types into it with real key presses. */
export async function type(input: HTMLElement, text: string) {
  input.focus();
  await sendKeys({type: text});
}

/** Resolves when `cond()` holds (or resolves to a truthy value), polling each frame; rejects after `ms`. */
export async function until(cond: () => unknown, ms = 8000, what = 'condition') {
  const end = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Text of a part, whitespace folded. */
export const text = (el: Element, name: string) =>
  part(el, name).textContent!.replace(/\s+/g, ' ').trim();

/**
 * A real mouse click (through the DevTools protocol) at the element's centre. Unlike
 * `el.click()` it gives the page user activation, as a person's click does: Chromium refuses
 * WebAuthn prompts after a few requests made without it.
 */
export async function click(el: HTMLElement) {
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)],
  });
}

/**
 * The detail of `event` from `el`, or a rejection naming the element's `passkey-error` (its code
 * and message) if that comes first. Call it before the action that should fire the event.
 */
export async function outcome<T>(el: Element, event: string): Promise<T> {
  const failed = oneEvent(el, 'passkey-error').then((e) =>
    Promise.reject(new Error(`passkey-error ${e.detail.code}: ${e.detail.message}`)),
  );
  return (await Promise.race([oneEvent(el, event), failed])).detail as T;
}

/**
 * Grants this page browser permissions (puppeteer's names: `clipboard-read`, `clipboard-write`,
 * …) through test/plugins/permissions-plugin.mjs, for as long as the test file's page lives.
 */
export async function grantPermissions(permissions: string[]) {
  await executeServerCommand('permissions:grant', {permissions});
}
