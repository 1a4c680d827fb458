// Layout (issue #15): every element, in its default and main states, placed in containers of 280,
// 360 and 768 px, in English, German (long words) and Arabic (right to left). Fails on any
// horizontal overflow (an element, a line of text or the container's scroll width past the
// container), siblings drawn over each other (a list's numbers included), a recovery code broken
// over two lines, or a control under 24 × 24 px (WCAG 2.2 target size). The STUB client stands in
// for the backend (test/helpers/stub-client.ts); states after a prompt run real ceremonies on the
// virtual authenticator.
import {expect, fixture, html} from '@open-wc/testing';
import {startRegistration} from '@simplewebauthn/browser';
import type {TemplateResult} from 'lit';
import '../../src/define.js';
import {configurePasskeyLocalization} from '../../src/localization.js';
import {click, part, parts, type, until} from '../helpers/dom.js';
import {creationOptions, StubClient, stubPasskey} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  clearCredentials,
  overrideCapabilities,
} from '../helpers/webauthn.js';

const WIDTHS = [280, 360, 768];
const LOCALES = ['en', 'de', 'ar'] as const;
/** Whatever its separators, a recovery code: groups of letters and digits joined by dashes. */
const CODE = /^[A-Za-z0-9]{4,}(?:-[A-Za-z0-9]{4,})+$/;

type El = HTMLElement & {updateComplete?: Promise<unknown>};

interface State {
  name: string;
  render(client: StubClient): TemplateResult;
  /** What a user does to get there (after rendering). */
  reach?(el: El, client: StubClient): Promise<unknown>;
  /** Set up before rendering; returns what undoes it. */
  setup?(client: StubClient): () => void;
}

const has = (el: Element, name: string) => !!el.shadowRoot!.querySelector(`[part~="${name}"]`);
const success = (el: Element) =>
  until(() => el.matches(':state(success)') && has(el, 'done'), 8000, 'the done state').catch(
    (e) => {
      const say = (name: string) => (has(el, name) ? part(el, name).textContent!.trim() : '');
      throw new Error(`${e.message}; status: "${say('status')}", error: "${say('error')}"`);
    },
  );
const noConditionalCreate = () => overrideCapabilities({conditionalCreate: false}).restore;

/** Signup to its code step. */
async function codeStep(el: El) {
  await click(part(el, 'button'));
  await until(() => part<HTMLInputElement>(el, 'input').name === 'code', 4000, 'the code step');
}
async function signupPasskeyStep(el: El) {
  await codeStep(el);
  await type(part(el, 'input'), '123456');
  await click(part(el, 'button'));
  await until(() => !has(el, 'input'), 4000, 'the passkey step');
}
async function recoveryPasskeyStep(el: El) {
  await type(parts(el, 'input')[1], 'aaaa-bbbb');
  await click(part(el, 'button'));
  await until(() => !has(el, 'input'), 4000, 'the passkey step');
}
const mfaPrompt = (el: El) =>
  until(() => part(el, 'label').textContent!.trim(), 4000, 'the prompt');

const longPasskey = {
  ...stubPasskey,
  id: 'cred-2',
  name: 'Arbeitslaptop im Büro, zweiter Bildschirm',
  backedUp: true,
  deviceType: 'multiDevice' as const,
  lastUsedAt: '2026-02-03T10:00:00.000Z',
  authenticator: {name: 'Google Password Manager'},
};
const managerList = (c: StubClient) => {
  c.passkeys = [{...longPasskey}, {...stubPasskey}];
  return html`<passkey-manager .client=${c}></passkey-manager>`;
};
const listed = (el: El) => until(() => parts(el, 'item').length === 2, 4000, 'the list');

const states: Record<string, State[]> = {
  'passkey-login': [
    {name: 'default', render: (c) => html`<passkey-login .client=${c}></passkey-login>`},
    {
      name: 'discoverable',
      render: (c) => html`<passkey-login discoverable .client=${c}></passkey-login>`,
    },
    {
      name: 'busy',
      render: (c) => (
        (c.hold.authenticationOptions = true),
        html`<passkey-login .client=${c}></passkey-login>`
      ),
      reach: async (el) => {
        await click(part(el, 'button'));
        await until(() => el.hasAttribute('busy'));
      },
    },
    {
      name: 'error',
      render: (c) => (
        (c.fail.authenticationOptions = 'network_error'),
        html`<passkey-login .client=${c}></passkey-login>`
      ),
      reach: async (el) => {
        await click(part(el, 'button'));
        await until(() => el.matches(':state(error)'));
      },
    },
    {
      name: 'done',
      render: (c) => html`<passkey-login .client=${c}></passkey-login>`,
      reach: async (el) => {
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
  'passkey-register': [
    {
      name: 'default, name input',
      render: (c) => html`<passkey-register name-input .client=${c}></passkey-register>`,
    },
    {
      name: 'sign-up, taken username',
      render: (c) => (
        (c.fail.registrationOptions = 'user_exists'),
        html`<passkey-register signup .client=${c}></passkey-register>`
      ),
      reach: async (el) => {
        await type(part(el, 'input'), 'ada');
        await click(part(el, 'button'));
        await until(() => el.matches(':state(error)'));
      },
    },
    {
      name: 'done',
      render: (c) => html`<passkey-register .client=${c}></passkey-register>`,
      reach: async (el) => {
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
  'passkey-signup': [
    {name: 'email', render: (c) => html`<passkey-signup .client=${c}></passkey-signup>`},
    {
      name: 'code (a long address)',
      render: (c) =>
        html`<passkey-signup
          email="ada.augusta.king.countess.of.lovelace@analytical-engine.example.com"
          .client=${c}
        ></passkey-signup>`,
      reach: codeStep,
    },
    {
      name: 'wrong code',
      render: (c) => (
        (c.fail.signupVerify = 'verification_failed'),
        html`<passkey-signup email="ada@example.com" .client=${c}></passkey-signup>`
      ),
      reach: async (el) => {
        await codeStep(el);
        await type(part(el, 'input'), '000000');
        await click(part(el, 'button'));
        await until(() => el.matches(':state(error)'));
      },
    },
    {
      name: 'expired code',
      render: (c) => (
        (c.fail.signupVerify = 'code_expired'),
        html`<passkey-signup email="ada@example.com" .client=${c}></passkey-signup>`
      ),
      reach: async (el) => {
        await codeStep(el);
        await type(part(el, 'input'), '000000');
        await click(part(el, 'button'));
        await until(() => el.matches(':state(error)'));
      },
    },
    {
      name: 'passkey step',
      render: (c) => html`<passkey-signup email="ada@example.com" .client=${c}></passkey-signup>`,
      reach: signupPasskeyStep,
    },
    {
      name: 'done',
      render: (c) => html`<passkey-signup email="ada@example.com" .client=${c}></passkey-signup>`,
      reach: async (el) => {
        await signupPasskeyStep(el);
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
  'passkey-recovery': [
    {name: 'default', render: (c) => html`<passkey-recovery .client=${c}></passkey-recovery>`},
    {
      name: 'refused code',
      render: (c) => (
        (c.fail.recoveryRedeem = 'verification_failed'),
        html`<passkey-recovery username="ada" .client=${c}></passkey-recovery>`
      ),
      reach: async (el) => {
        await type(parts(el, 'input')[1], 'aaaa-bbbb');
        await click(part(el, 'button'));
        await until(() => el.matches(':state(error)'));
      },
    },
    {
      name: 'passkey step',
      render: (c) => html`<passkey-recovery username="ada" .client=${c}></passkey-recovery>`,
      reach: recoveryPasskeyStep,
    },
    {
      name: 'done',
      render: (c) => html`<passkey-recovery username="ada" .client=${c}></passkey-recovery>`,
      reach: async (el) => {
        await recoveryPasskeyStep(el);
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
  'passkey-mfa': [
    {
      name: 'set up (register)',
      render: (c) => (
        (c.mfaMode = 'register'),
        html`<passkey-mfa mfa-token="t" .client=${c}></passkey-mfa>`
      ),
      reach: mfaPrompt,
    },
    {
      name: 'confirm (verify)',
      render: (c) => html`<passkey-mfa mfa-token="t" .client=${c}></passkey-mfa>`,
      reach: mfaPrompt,
    },
    {
      name: 'expired token',
      render: (c) => (
        (c.fail.mfaOptions = 'unauthenticated'),
        html`<passkey-mfa mfa-token="t" .client=${c}></passkey-mfa>`
      ),
      reach: (el) => until(() => el.matches(':state(error)'), 4000, 'the error'),
    },
    {
      name: 'done',
      render: (c) => html`<passkey-mfa mfa-token="t" .client=${c}></passkey-mfa>`,
      reach: async (el) => {
        await mfaPrompt(el);
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
  'passkey-upgrade': [
    {
      name: 'offer, name input',
      setup: noConditionalCreate,
      render: (c) => html`<passkey-upgrade name-input .client=${c}></passkey-upgrade>`,
    },
    {
      name: 'done',
      setup: noConditionalCreate,
      render: (c) => html`<passkey-upgrade .client=${c}></passkey-upgrade>`,
      reach: async (el) => {
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
  'passkey-manager': [
    {name: 'listed', render: managerList, reach: listed},
    {
      name: 'renaming',
      render: managerList,
      reach: async (el) => {
        await listed(el);
        await click(part(parts(el, 'item')[0], 'rename-button'));
        await until(() => has(el, 'input'), 4000, 'the name input');
      },
    },
    {
      name: 'confirming a delete',
      render: managerList,
      reach: async (el) => {
        await listed(el);
        await click(part(parts(el, 'item')[0], 'delete-button'));
        await until(() => has(el, 'confirm-button'), 4000, 'the confirmation');
      },
    },
    {
      name: 'recovery codes shown',
      render: (c) => {
        c.answer.recoveryCodes = {
          codes: Array.from({length: 10}, (_, i) => `${7310 + i}-a9kq-${2204 + i}-mw3x`),
        };
        return managerList(c);
      },
      reach: async (el) => {
        await listed(el);
        await click(part(el, 'codes-button'));
        await until(() => has(el, 'code'), 4000, 'the codes');
      },
    },
    {
      name: 'asking before replacing unused codes',
      render: (c) => {
        c.codeStatus = {total: 10, unused: 10, createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null};
        return managerList(c);
      },
      reach: async (el) => {
        await listed(el);
        await click(part(el, 'codes-button'));
        await until(() => has(el, 'replace-button'), 4000, 'the question to replace them');
      },
    },
  ],
  'passkey-confirm': [
    {name: 'default', render: (c) => html`<passkey-confirm .client=${c}></passkey-confirm>`},
    {
      name: 'confirmed',
      render: (c) => html`<passkey-confirm .client=${c}></passkey-confirm>`,
      reach: async (el) => {
        await click(part(el, 'button'));
        await success(el);
      },
    },
  ],
};

/** Every element of a shadow tree, nested shadow trees included. */
function* deep(root: ShadowRoot | Element): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

const describeEl = (el: Element) => {
  const p = el.getAttribute('part');
  return `<${el.localName}${p ? ` part="${p}"` : ''}>${
    el.children.length ? '' : ` "${(el.textContent ?? '').trim().slice(0, 30)}"`
  }`;
};

const shown = (el: Element) => {
  const s = getComputedStyle(el);
  return s.display !== 'none' && s.visibility !== 'hidden' && s.display !== 'contents';
};

const rects = (node: Element | Text) => {
  if (node instanceof Element) return [...node.getClientRects()];
  const range = document.createRange();
  range.selectNodeContents(node);
  return [...range.getClientRects()];
};

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

/** What is wrong with `host`'s layout in `box`: one line per problem. */
function problems(host: HTMLElement, box: HTMLElement): string[] {
  const out: string[] = [];
  const edge = box.getBoundingClientRect();
  // An svg is one picture: its shapes are not checked one by one.
  const all = [...deep(host.shadowRoot!)].filter(
    (el) => shown(el) && el.localName !== 'style' && !el.parentElement?.closest('svg'),
  );
  if (box.scrollWidth > box.clientWidth + 1)
    out.push(`overflow: the container scrolls (${box.scrollWidth} > ${box.clientWidth} px)`);
  // Elements and every line of text stay inside the container.
  const texts: Text[] = [];
  for (const el of all) {
    for (const r of rects(el))
      if (r.width && (r.left < edge.left - 1 || r.right > edge.right + 1))
        out.push(
          `overflow: ${describeEl(el)} spans ${r.left | 0}–${r.right | 0}, the container ${edge.left | 0}–${edge.right | 0}`,
        );
    for (const n of el.childNodes)
      if (n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) texts.push(n as Text);
  }
  for (const t of texts)
    for (const r of rects(t))
      if (r.width && (r.left < edge.left - 1 || r.right > edge.right + 1))
        out.push(
          `overflow: text "${t.textContent!.trim().slice(0, 30)}" spans ${r.left | 0}–${r.right | 0}`,
        );
  // Siblings are not drawn over each other (their boxes, line by line).
  for (const parent of [host.shadowRoot!, ...all.filter((el) => el.localName !== 'svg')]) {
    const kids = [...parent.children].filter(
      (k) => shown(k) && getComputedStyle(k).position !== 'absolute' && k.localName !== 'style',
    );
    for (let i = 0; i < kids.length; i++)
      for (let j = i + 1; j < kids.length; j++)
        if (rects(kids[i]).some((a) => rects(kids[j]).some((b) => overlap(a, b))))
          out.push(`overlap: ${describeEl(kids[i])} and ${describeEl(kids[j])}`);
  }
  // A numbered list's numbers (drawn outside each item) stay clear of the other items' text.
  for (const li of all.filter((el) => el.localName === 'li')) {
    const s = getComputedStyle(li);
    if (s.listStylePosition !== 'outside' || s.listStyleType === 'none') continue;
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = s.font;
    const width = ctx.measureText(`${li.parentElement!.children.length}. `).width;
    const r = li.getBoundingClientRect();
    const rtl = s.direction === 'rtl';
    const marker = new DOMRect(rtl ? r.right : r.left - width, r.top, width, r.height);
    for (const other of li.parentElement!.children)
      if (other !== li)
        for (const t of other.querySelectorAll('*'))
          if (rects(t).some((b) => overlap(marker, b)))
            out.push(`overlap: the number of ${describeEl(li)} over ${describeEl(t)}`);
  }
  // A recovery code stays on one line.
  for (const t of texts)
    if (
      CODE.test(t.textContent!.trim()) &&
      new Set(rects(t).map((r) => Math.round(r.top))).size > 1
    )
      out.push(`a code breaks over lines: "${t.textContent!.trim()}"`);
  // Buttons side by side (same parent, same row) are as tall as each other.
  const buttons = all.filter((el) => el.localName === 'button');
  for (let i = 0; i < buttons.length; i++)
    for (let j = i + 1; j < buttons.length; j++) {
      if (buttons[i].parentNode !== buttons[j].parentNode) continue;
      const [a, b] = [buttons[i], buttons[j]].map((x) => x.getBoundingClientRect());
      const sameRow = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      if (sameRow && Math.abs(a.height - b.height) > 1)
        out.push(
          `uneven pair: ${describeEl(buttons[i])} is ${a.height | 0} px tall, ${describeEl(buttons[j])} ${b.height | 0} px`,
        );
    }
  // Controls are at least 24 × 24 px.
  for (const el of all.filter((e) =>
    e.matches('button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])'),
  )) {
    const r = el.getBoundingClientRect();
    if (r.width < 23.5 || r.height < 23.5)
      out.push(`target: ${describeEl(el)} is ${r.width.toFixed(1)} × ${r.height.toFixed(1)} px`);
  }
  return out;
}

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const l10n = configurePasskeyLocalization();

before(() => addVirtualAuthenticator());
beforeEach(async () => {
  // One discoverable credential for localhost, so that a sign-in prompt has one to offer.
  await clearCredentials();
  await startRegistration({optionsJSON: creationOptions()});
});
after(() => l10n.setLocale('en'));

for (const [tag, list] of Object.entries(states)) {
  describe(`<${tag}> layout at ${WIDTHS.join(', ')} px in ${LOCALES.join(', ')}`, () => {
    for (const state of list) {
      it(state.name, async function () {
        this.timeout(30_000);
        await l10n.setLocale('en');
        const client = new StubClient();
        const undo = state.setup?.(client) ?? (() => {});
        try {
          const box = await fixture<HTMLDivElement>(
            html`<div style="width: ${WIDTHS[0]}px; padding: 0; margin: 0"></div>`,
          );
          // Wide enough for the reach steps' clicks, then narrowed below.
          box.style.width = `${WIDTHS.at(-1)}px`;
          const el = await fixture<El>(state.render(client), {parentNode: box});
          await el.updateComplete;
          await state.reach?.(el, client);
          const found: string[] = [];
          for (const locale of LOCALES) {
            await l10n.setLocale(locale);
            box.lang = locale;
            box.dir = locale === 'ar' ? 'rtl' : 'ltr';
            for (const width of WIDTHS) {
              box.style.width = `${width}px`;
              await el.updateComplete;
              await frame();
              for (const p of problems(el, box)) found.push(`${locale} ${width}px: ${p}`);
            }
          }
          expect(found, found.join('\n')).to.deep.equal([]);
        } finally {
          client.release();
          undo();
        }
      });
    }
  });
}
