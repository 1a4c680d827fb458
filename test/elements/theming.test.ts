// Theming as a site sees it (docs/theming.md): light and dark from the page's color-scheme or
// the theme attribute, custom properties, the focus ring, forced colors and reduced motion.
// Computed styles of the parts, read from the page.
import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import {part, parts, until} from '../helpers/dom.js';
import {StubClient} from '../helpers/stub-client.js';

type Themable = HTMLElement & {theme?: string; updateComplete: Promise<boolean>};

const style = (el: Element) => getComputedStyle(el);
/** The primary button's background of an element, as `rgb(…)`. */
const primary = (el: Element) => style(part(el, 'button')).backgroundColor;

const LIGHT_PRIMARY = 'rgb(43, 89, 195)'; // #2b59c3
const DARK_PRIMARY = 'rgb(177, 197, 255)'; // #b1c5ff
const DARK_SURFACE = 'rgb(27, 27, 31)'; // #1b1b1f

afterEach(() => emulateMedia({colorScheme: 'light', reducedMotion: 'no-preference'}));

describe('theming', () => {
  it('is light by default, on no surface of its own', async () => {
    const el = await fixture<Themable>(
      html`<passkey-login .client=${new StubClient()}></passkey-login>`,
    );
    expect(primary(el)).to.equal(LIGHT_PRIMARY);
    expect(style(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  });

  it('follows the page: color-scheme dark, or light dark with the user preferring dark', async () => {
    const wrap = await fixture(
      html`<div style="color-scheme:dark">
        <passkey-login .client=${new StubClient()}></passkey-login>
      </div>`,
    );
    expect(primary(wrap.firstElementChild!)).to.equal(DARK_PRIMARY);

    const both = await fixture(
      html`<div style="color-scheme:light dark">
        <passkey-login .client=${new StubClient()}></passkey-login>
      </div>`,
    );
    const el = both.firstElementChild!;
    expect(primary(el)).to.equal(LIGHT_PRIMARY);
    await emulateMedia({colorScheme: 'dark'});
    expect(primary(el)).to.equal(DARK_PRIMARY);

    // A page that declares no color-scheme stays light, whatever the user prefers.
    const plain = await fixture(html`<passkey-login .client=${new StubClient()}></passkey-login>`);
    expect(primary(plain)).to.equal(LIGHT_PRIMARY);
  });

  it('takes theme="dark" / "light" whatever the page, reflects the property, and paints its own surface', async () => {
    const el = await fixture<Themable>(
      html`<passkey-login .client=${new StubClient()}></passkey-login>`,
    );
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(style(el).colorScheme).to.equal('dark');
    expect(primary(el)).to.equal(DARK_PRIMARY);
    expect(style(el).backgroundColor).to.equal(DARK_SURFACE);
    await expect(el).to.be.accessible();

    const wrap = await fixture(
      html`<div style="color-scheme:dark;background:#000">
        <passkey-register theme="light" .client=${new StubClient()}></passkey-register>
      </div>`,
    );
    const light = wrap.firstElementChild!;
    expect(primary(light)).to.equal(LIGHT_PRIMARY);
    expect(style(light).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('takes its colours, radius and spacing from the --passkey-* custom properties, set on any ancestor', async () => {
    const wrap = await fixture(
      html`<div
        style="--passkey-color-primary:rgb(1, 2, 3);--passkey-color-on-primary:rgb(250, 250, 250);--passkey-radius:7px;--passkey-spacing:20px"
      >
        <passkey-login .client=${new StubClient()}></passkey-login>
      </div>`,
    );
    const el = wrap.firstElementChild!;
    const button = style(part(el, 'button'));
    expect(button.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(button.color).to.equal('rgb(250, 250, 250)');
    expect(button.borderTopLeftRadius).to.equal('7px');
    expect(style(part(el, 'form')).rowGap).to.equal('20px');
  });

  it('shows a focus ring of the primary colour on a keyboard-focused control, kept off the border', async () => {
    const el = await fixture(
      html`<passkey-login discoverable .client=${new StubClient()}></passkey-login>`,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 6 && el.shadowRoot!.activeElement !== part(el, 'button'); i++)
      await sendKeys({press: 'Tab'});
    const focused = style(part(el, 'button'));
    expect(focused.boxShadow).to.contain(LIGHT_PRIMARY);
    expect(focused.outlineStyle).to.equal('solid');
    expect(focused.outlineOffset).to.equal('2px');
  });

  it('has a forced-colors rule: the focus outline in Highlight', async () => {
    const el = await fixture(html`<passkey-login .client=${new StubClient()}></passkey-login>`);
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules]);
    const forced = rules.find(
      (r): r is CSSMediaRule =>
        r instanceof CSSMediaRule && /forced-colors:\s*active/.test(r.conditionText),
    );
    expect(forced, 'an @media (forced-colors: active) rule').to.exist;
    expect(forced!.cssText).to.match(/:focus-visible\s*\{\s*outline-color:\s*highlight/i);
  });

  it("stops a theme's transitions on the parts when the user prefers reduced motion", async () => {
    const page = await fixture(
      html`<div>
        <style>
          .motion passkey-login::part(button) {
            transition: background-color 1s !important;
          }
        </style>
        <div class="motion"><passkey-login .client=${new StubClient()}></passkey-login></div>
      </div>`,
    );
    const el = page.querySelector('passkey-login')!;
    expect(style(part(el, 'button')).transitionDuration).to.equal('1s');
    await emulateMedia({reducedMotion: 'reduce'});
    expect(style(part(el, 'button')).transitionDuration).to.equal('0s');
  });

  it("styles the manager's secondary buttons outlined, and its confirm button from --passkey-color-error / -on-error", async () => {
    const client = new StubClient();
    const el = await fixture(
      html`<passkey-manager
        style="--passkey-color-error:rgb(150, 0, 0);--passkey-color-on-error:rgb(255, 240, 240)"
        .client=${client}
      ></passkey-manager>`,
    );
    await until(() => parts(el, 'item').length === 1);
    const rename = style(part(el, 'rename-button'));
    expect(rename.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(rename.color).to.equal(LIGHT_PRIMARY);
    part(el, 'delete-button').click();
    await until(() => parts(el, 'confirm-button').length === 1);
    const confirm = style(part(el, 'confirm-button'));
    expect(confirm.backgroundColor).to.equal('rgb(150, 0, 0)');
    expect(confirm.color).to.equal('rgb(255, 240, 240)');
  });
});
