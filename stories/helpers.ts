// What every element's story file shares: rendering a tag from its args (controls come from
// custom-elements.json, see .storybook/arg-types.ts), the stub client each story scripts
// through `parameters.stub`, the page-level decorators (dark, right-to-left), and the play
// functions that press the button and wait for the outcome. A new element's story file is
// `elementMeta(tag)` plus its states; see passkey-login.stories.ts.
import type {Decorator, Meta, StoryContext, StoryObj} from '@storybook/web-components-vite';
import {html, render, type TemplateResult} from 'lit';
import {expect, userEvent, waitFor} from 'storybook/test';
import manifest from '../custom-elements.json';
import {errorMessage} from '../src/core/messages.js';
import {passkeyEventNames} from '../src/index.js';
import type {ErrorCase} from './error-codes.js';
import {withStubAuthenticator, type PromptOutcome} from './stub-authenticator.js';
import {StoryStubClient, type StubScript} from './stub-client.js';

export type Args = Record<string, unknown>;
export type Story = StoryObj<Args>;

declare module '@storybook/web-components-vite' {
  interface Parameters {
    /** How the story's stub client answers (default: every call succeeds after a short delay). */
    stub?: StubScript;
  }
}

const fired = new WeakMap<Element, {type: string; detail: Record<string, unknown>}[]>();

/**
 * Every kit event the element fired since it was created, in order: recorded from the start,
 * so a play function also sees what happened on connect (a manager's failed listing).
 */
export const firedBy = (el: Element) => fired.get(el) ?? [];

/** Light-DOM children for a story (slotted content). */
type Children = (args: Args) => TemplateResult;

/**
 * Creates the element: args keyed by property are set as properties (reflected ones then show
 * as attributes), `--passkey-*` args become inline custom properties, event args listen for
 * that event (the actions panel shows them), and `client` is a fresh stub scripted by
 * `parameters.stub`.
 */
export function renderElement(tag: string, args: Args, ctx: StoryContext, children?: Children) {
  const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
  for (const [key, value] of Object.entries(args)) {
    const argType = ctx.argTypes[key];
    if (value === undefined || value === null) continue;
    if (typeof argType?.action == 'string' && typeof value == 'function') {
      el.addEventListener(argType.action, value as EventListener);
    } else if (key.startsWith('--')) {
      if (value !== '') el.style.setProperty(key, String(value));
    } else if (!key.includes(':') && typeof value != 'function') {
      el[key] = value;
    }
  }
  el.client = new StoryStubClient(ctx.parameters.stub);
  const log: {type: string; detail: Record<string, unknown>}[] = [];
  fired.set(el, log);
  for (const type of passkeyEventNames)
    el.addEventListener(type, (e) => log.push({type, detail: (e as CustomEvent).detail}));
  if (children) render(children(args), el);
  return el;
}

/** What the element does: its class's JSDoc, as custom-elements.json has it. */
export function elementDescription(tag: string): string {
  const declarations = (manifest as {modules: {declarations?: {tagName?: string}[]}[]}).modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d): d is {tagName: string; description?: string} => !!d.tagName);
  return declarations.find((d) => d.tagName === tag)?.description ?? '';
}

/** Said once on every element's docs page, after what the element does. */
export const STUB_NOTE =
  'Every story runs without a backend or an authenticator: the element gets a stub client ' +
  '(stories/stub-client.ts), and the stories that show what follows a prompt answer it with a ' +
  'stub authenticator (stories/stub-authenticator.ts) while their play function presses the button.';

/**
 * The default export of an element's story file. Its docs page starts with what the element
 * does (the class's JSDoc from custom-elements.json), then the note on stubs.
 */
export function elementMeta(tag: string, meta: Partial<Meta<Args>> = {}): Meta<Args> {
  return {
    title: `Elements/${tag}`,
    component: tag,
    render: (args, ctx) => renderElement(tag, args, ctx),
    ...meta,
    parameters: {
      docs: {
        description: {component: `${elementDescription(tag)}\n\n_${STUB_NOTE}_`},
      },
      ...meta.parameters,
    },
  };
}

/** Slotted children for a story that keeps the element's own args. */
export const withChildren =
  (tag: string, children: Children): Story['render'] =>
  (args, ctx) =>
    renderElement(tag, args, ctx, children);

/** A page with `color-scheme: dark` (and a dark background) around the element. */
export const darkPage: Decorator = (story) =>
  html`<div
    style="color-scheme:dark;background:#121316;color:#e4e2e6;padding:1.5rem;border-radius:.5rem"
  >
    ${story()}
  </div>`;

/** A right-to-left page around the element. */
export const rtlPage: Decorator = (story) => html`<div dir="rtl">${story()}</div>`;

/** A themed example: the public custom properties, all set. */
export const themeArgs: Args = {
  '--passkey-color-text': '#20123a',
  '--passkey-color-surface': '#fbf8ff',
  '--passkey-color-muted': '#5b4a75',
  '--passkey-color-border': '#7d5fb0',
  '--passkey-color-primary': '#5a2ca0',
  '--passkey-color-on-primary': '#ffffff',
  '--passkey-color-error': '#a1122b',
  '--passkey-radius': '999px',
  '--passkey-spacing': '1rem',
  '--passkey-font-family': 'Georgia, "Times New Roman", serif',
  '--passkey-font-size': '1.05rem',
  '--passkey-focus-ring': '0 0 0 3px #d9c6ff',
};

// ─── play functions ─────────────────────────────────────────────────────────────────────────

export type PasskeyHost = HTMLElement & {updateComplete: Promise<boolean>};

/** What a play function does to reach a failure or a state (default: press the button). */
export type Act = (el: PasskeyHost) => Promise<void>;

export function elementIn(canvasElement: HTMLElement, tag: string) {
  const el = canvasElement.querySelector<PasskeyHost>(tag);
  if (!el) throw new Error(`<${tag}> was not rendered`);
  return el;
}

export const part = (el: Element, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
export const parts = (el: Element, name: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~=${name}]`),
];

/** The part, once it is there (after a step's request answered). */
export async function partOf(el: Element, name: string, within: ParentNode = el.shadowRoot!) {
  await waitFor(() => expect(within.querySelector(`[part~=${name}]`)).not.toBeNull(), {
    timeout: 3000,
  });
  return within.querySelector<HTMLElement>(`[part~=${name}]`)!;
}

/** Clicks a part of the element (or of `within`), as a user would. */
export async function clickPart(el: PasskeyHost, name: string, within?: ParentNode) {
  await el.updateComplete;
  await userEvent.click(await partOf(el, name, within));
  await el.updateComplete;
}

/**
 * Fills an input: focus, the new value, an `input` event. (user-event's `clear` and `type`
 * check focus against `document.activeElement`, which is the host for an input in a shadow
 * root, and refuse.)
 */
export async function typeInto(input: HTMLElement, text: string) {
  const field = input as HTMLInputElement;
  field.focus();
  field.value = text;
  field.dispatchEvent(
    new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText', data: text}),
  );
}

/** A part inside one list item (or other light node of the shadow tree). */
export const partIn = (node: ParentNode, name: string) =>
  node.querySelector<HTMLElement>(`[part~=${name}]`);

/** Presses the element's primary button, as a user would. */
export async function press(el: PasskeyHost) {
  await el.updateComplete;
  const button = part(el, 'button');
  if (!button) throw new Error('no button part');
  await userEvent.click(button);
}

/** Waits until the element shows `:state(name)`. */
export const reaches = (el: Element, state: string) =>
  waitFor(() => expect(el.matches(`:state(${state})`)).toBe(true), {timeout: 3000});

/**
 * A story that presses the button with the prompt answered by `prompt` (or never reached) and
 * waits for `state`: the way to show busy, success, cancelled and error.
 */
export function outcomeStory(
  tag: string,
  state: string,
  opts: {
    prompt?: PromptOutcome;
    stub?: StubScript;
    args?: Args;
    act?: Act;
    then?: (el: PasskeyHost) => Promise<void>;
  } = {},
): Story {
  const act = opts.act ?? press;
  return {
    args: opts.args,
    parameters: {stub: opts.stub},
    play: async ({canvasElement}) => {
      const el = elementIn(canvasElement, tag);
      const run = async () => {
        await act(el);
        await reaches(el, state);
      };
      await (opts.prompt ? withStubAuthenticator(opts.prompt, run) : run());
      if (state === 'busy') await expect(el.hasAttribute('busy')).toBe(true);
      await opts.then?.(el);
    },
  };
}

/**
 * One story per error case: the stub fails at the step the code comes from (a call before any
 * prompt, the verify call after an approved prompt, or the prompt itself), `act` does what the
 * user does at that stage (default: press the button; a flow's later stage first walks through
 * the earlier ones), and the play function checks the message in `part="error"` and the last
 * `passkey-error` event's code and message.
 */
export function errorStory(tag: string, c: ErrorCase, act: Act = press): Story {
  const stub: StubScript = {
    ...c.stub,
    ...(c.at === 'prompt' ? {} : {fail: {step: c.step, code: c.code}}),
  };
  // No `name`: Storybook's sidebar can only read a name written as a literal in the story file,
  // so the export's name ("Error Network Error") is the name in both places; the code and the
  // stage lead the story's description instead.
  const label = `\`${c.code}\`` + (c.key ? ` (${c.key})` : c.stage ? ` (${c.stage})` : '');
  return {
    args: c.args,
    parameters: {stub, docs: {description: {story: `${label}: ${c.why}`}}},
    play: async ({canvasElement}) => {
      const el = elementIn(canvasElement, tag);
      const run = async () => {
        await act(el);
        await reaches(el, 'error');
      };
      await (c.at === 'options'
        ? run()
        : withStubAuthenticator(c.at === 'prompt' ? c.prompt : 'approve', run));
      const reported = firedBy(el)
        .filter((e) => e.type === 'passkey-error')
        .at(-1)?.detail;
      await expect(reported?.code).toBe(c.code);
      const shown = part(el, 'error')?.textContent?.trim();
      await expect(shown).toBe(c.message ?? errorMessage(c.code));
      await expect(reported?.message).toBe(shown);
      // A code in the list should have its own message, unless the case says it falls back.
      await expect(shown === errorMessage('')).toBe(!!c.generic);
    },
  };
}
