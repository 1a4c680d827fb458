import '../src/define.js';
import {passkeyEventNames, type User} from '../src/index.js';
import {eventLog} from './event-log.js';
import {dress, setUpSettings} from './settings.js';

// Pebble Notes, a pretend site around the kit: its session display, one sign-in card with four
// ways in (and the second step of its own password sign-in, which a site brings itself), an
// account page, and the demo's log of every event the elements fire.
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

setUpSettings();
const log = eventLog($<HTMLOListElement>('#log'), $('#log-count'), $('#log-clear'));

/** Thrown by `api()` when the server did not answer at all (stopped, or the network is down). */
class Unreachable extends Error {}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(`/passkeys${path}`, {
      credentials: 'include',
      headers: {'content-type': 'application/json'},
      ...init,
    });
  } catch {
    throw new Unreachable();
  }
}

/** The message of a failed call, for the page's own forms. */
async function failure(error: unknown, res?: Response): Promise<string> {
  if (error instanceof Unreachable)
    return 'The server did not answer. Check that it is running, then try again.';
  try {
    return ((await res?.json()) as {error: {message: string}}).error.message;
  } catch {
    return 'Something went wrong. Try again.';
  }
}

/** A message at the top of the page (null: none). */
function notice(text: string | null) {
  $('#notice').textContent = text ?? '';
  $('#notice').hidden = !text;
}

/** An element of the kit, dressed for the chosen language and theme. */
function kit<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K];
function kit(tag: string): HTMLElement;
function kit(tag: string) {
  const el = document.createElement(tag);
  dress(el);
  return el;
}

// ─── the sign-in card's tabs (the ARIA tabs pattern: arrows, Home and End move between them) ─

const tabs = [...document.querySelectorAll<HTMLButtonElement>('#auth [role=tab]')];
const views = ['signin', 'signup', 'email', 'recover'];

function selectTab(tab: HTMLButtonElement, focus = false) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(`#${t.getAttribute('aria-controls')}`).hidden = !selected;
  }
  if (focus) tab.focus();
  const url = new URL(location.href);
  url.hash = tab.id === 'tab-signin' ? '' : tab.id.slice('tab-'.length);
  history.replaceState(null, '', url);
}

for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (e) => {
    const rtl = getComputedStyle(tab).direction === 'rtl';
    const step = {ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1}[e.key];
    const i = tabs.indexOf(tab);
    const to =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? tabs.length - 1
          : step
            ? (i + step + tabs.length) % tabs.length
            : -1;
    if (to < 0) return;
    e.preventDefault();
    selectTab(tabs[to], true);
  });
}
const wanted = views.indexOf(location.hash.slice(1));
selectTab(tabs[Math.max(0, wanted)]);

// ─── the password sign-in's second step ─────────────────────────────────────────────────────

function showMfa(mfaToken: string) {
  document.querySelector('passkey-mfa')?.remove();
  const mfa = kit('passkey-mfa');
  mfa.mfaToken = mfaToken;
  $('#mfa-back').before(mfa);
  $('#auth .tabs').hidden = true;
  for (const t of tabs) $(`#${t.getAttribute('aria-controls')}`).hidden = true;
  $('#panel-mfa').hidden = false;
}

function leaveMfa() {
  document.querySelector('passkey-mfa')?.remove();
  $('#panel-mfa').hidden = true;
  $('#auth .tabs').hidden = false;
  selectTab(tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0]);
}
$('#mfa-back').addEventListener('click', leaveMfa);

// ─── signed in or not ───────────────────────────────────────────────────────────────────────

function show(user: User | null, viaPassword = false) {
  $('#whoami').textContent = !user
    ? 'Not signed in.'
    : user.displayName && user.displayName !== user.username
      ? `Signed in as ${user.displayName} (@${user.username}).`
      : `Signed in as ${user.username}.`;
  $('#signout').hidden = !user;
  $('#auth').hidden = !!user;
  $('#account').hidden = !user;
  if (!$('#panel-mfa').hidden) leaveMfa();

  document.querySelector('passkey-upgrade')?.remove();
  $('#upgrade-card').hidden = !viaPassword;
  if (viaPassword) $('#upgrade-card').append(kit('passkey-upgrade'));

  const manager = document.querySelector('passkey-manager');
  if (user && !manager) $('#passkeys-card').append(kit('passkey-manager'));
  else if (user) manager!.reload();
  else manager?.remove();

  resetConfirm();
  if (!user) {
    // A signed-out page must not keep "Signed in." or a finished sign-up on show: the kit's
    // documented page event makes every element forget its last outcome, and the page's forms
    // are emptied.
    document.dispatchEvent(new Event('passkey-signed-out'));
    for (const form of document.querySelectorAll<HTMLFormElement>('#auth form')) form.reset();
    $('#password-error').textContent = '';
    $('#demo-account-note').textContent = '';
  }
}

async function refresh() {
  try {
    const res = await api('/session');
    if (!res.ok) throw new Error(await failure(null, res));
    show(((await res.json()) as {user: User | null}).user);
  } catch (error) {
    show(null);
    notice(
      error instanceof Unreachable
        ? 'Cannot reach the server. Start it (npm start), then reload this page.'
        : `Cannot read your session: ${(error as Error).message}`,
    );
  }
}

$('#signout').addEventListener('click', async () => {
  try {
    const res = await api('/session', {method: 'DELETE'});
    if (!res.ok) throw new Error(await failure(null, res));
  } catch (error) {
    notice(
      error instanceof Unreachable
        ? 'Could not sign out: the server did not answer. Check that it is running, then try again.'
        : `Could not sign out: ${(error as Error).message}`,
    );
    return;
  }
  notice(null);
  log.note('Signed out.');
  show(null);
});

// ─── what the elements report ───────────────────────────────────────────────────────────────

for (const name of passkeyEventNames)
  document.addEventListener(name, (e: Event) => log.add(e as CustomEvent));

document.addEventListener('passkey-authenticated', (e) => {
  notice(null);
  show(e.detail.user);
});
document.addEventListener('passkey-registered', (e) => {
  const from = (e.target as Element).localName;
  // Sign-up and recovery start a session; the upgrade adds to the manager's list; the manager
  // shows its own new passkey; <passkey-mfa> signs in with passkey-authenticated right after.
  if (from === 'passkey-upgrade') document.querySelector('passkey-manager')?.reload();
  else if (from !== 'passkey-manager' && from !== 'passkey-mfa') show(e.detail.user);
});

// ─── the site's own first factor: a password; with MFA on, then <passkey-mfa> ───────────────

document.addEventListener('submit', async (e) => {
  const form = e.target as HTMLFormElement;
  if (form.id === 'password-form') {
    e.preventDefault();
    const out = $('#password-error');
    let res: Response | undefined;
    try {
      res = await api('/password/login', {
        method: 'POST',
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      if (!res.ok) throw new Error();
    } catch (error) {
      out.textContent = await failure(error, res);
      return;
    }
    const data = (await res.json()) as {mfaRequired?: boolean; mfaToken?: string; user?: User};
    out.textContent = '';
    form.reset();
    if (data.mfaRequired) {
      log.note('Password accepted: the passkey is the second step.');
      showMfa(data.mfaToken!);
    } else {
      log.note('Signed in with a password.');
      show(data.user!, true);
    }
  } else if (form.id === 'demo-account') {
    e.preventDefault();
    const data = new FormData(form);
    const note = $('#demo-account-note');
    let res: Response | undefined;
    try {
      res = await api('/password/register', {
        method: 'POST',
        body: JSON.stringify({
          username: data.get('username'),
          password: data.get('password'),
          mfa: data.get('mfa') === 'on',
        }),
      });
      if (!res.ok) throw new Error();
    } catch (error) {
      note.textContent = await failure(error, res);
      return;
    }
    const {user} = (await res.json()) as {user: User};
    note.textContent = `Account ${user.username} made. Sign in with its password on the Sign in tab.`;
    form.reset();
  }
});

// ─── confirming it is you before a sensitive action: <passkey-confirm> ──────────────────────

function resetConfirm() {
  $('#confirm-slot').replaceChildren();
  $('#api-key').hidden = true;
  $('#api-key').textContent = '';
  $('#reveal').hidden = false;
}

$('#reveal').addEventListener('click', () => {
  $('#reveal').hidden = true;
  // Its own prompt, in the kit's language (the card above says why, in the site's).
  const confirm = kit('passkey-confirm');
  confirm.setAttribute('action', 'show-api-key');
  $('#confirm-slot').replaceChildren(confirm);
});

document.addEventListener('passkey-confirmed', (e: Event) => {
  const {verifiedAt} = (e as CustomEvent<{verifiedAt: string}>).detail;
  // A real site would send the event's stepUpToken to its backend, which checks it before it
  // answers with the key. The demo makes one up.
  const key = [...crypto.getRandomValues(new Uint8Array(12))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const shown = $('#api-key');
  shown.replaceChildren(
    'Your API key: ',
    Object.assign(document.createElement('code'), {textContent: `pbl_${key}`}),
    ` (confirmed at ${new Date(verifiedAt).toLocaleTimeString('en-GB')}).`,
  );
  shown.hidden = false;
});

void refresh();
