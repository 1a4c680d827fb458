import '../src/define.js';
import type {User} from '../src/core/client/types.js';

// The page around the kit: the site's own session display, its password first factor (not part
// of the kit: a site brings its own), and a log of every event the elements fire.
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`/passkeys${path}`, {
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    ...init,
  });

function log(line: string) {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${line}`;
  $('#log').prepend(li);
}

function show(user: User | null, viaPassword = false) {
  $('#whoami').textContent = user
    ? `Signed in as ${user.displayName} (@${user.username}).`
    : 'Not signed in.';
  $('#signout').hidden = !user;
  $('#mfa-section').hidden = true;
  document.querySelectorAll<HTMLElement>('.signed-out').forEach((s) => (s.hidden = !!user));
  document.querySelectorAll<HTMLElement>('.signed-in').forEach((s) => (s.hidden = !user));
  $('#upgrade-section').hidden = !viaPassword;
  document.querySelector('passkey-upgrade')?.remove();
  if (viaPassword) $('#upgrade-section').append(document.createElement('passkey-upgrade'));
  const manager = document.querySelector('passkey-manager');
  if (user && !manager) $('#manager-section').append(document.createElement('passkey-manager'));
  else if (user) manager!.reload();
  else manager?.remove();
}

async function refresh() {
  const {user} = (await (await api('/session')).json()) as {user: User | null};
  show(user);
}

for (const name of [
  'passkey-start',
  'passkey-authenticated',
  'passkey-registered',
  'passkey-updated',
  'passkey-deleted',
  'passkey-cancel',
  'passkey-error',
  'passkey-unsupported',
] as const) {
  document.addEventListener(name, (e) =>
    log(`${(e.target as Element).localName} → ${name} ${JSON.stringify(e.detail)}`),
  );
}
document.addEventListener('passkey-authenticated', (e) => show(e.detail.user));
document.addEventListener('passkey-registered', (e) => {
  if ((e.target as Element).localName !== 'passkey-manager') show(e.detail.user);
});

$('#signout').addEventListener('click', async () => {
  await api('/session', {method: 'DELETE'});
  log('signed out');
  await refresh();
});

// The site's own first factor. With MFA on, the backend answers with an mfaToken for <passkey-mfa>.
$('#password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const body = Object.fromEntries(new FormData(form));
  const res = await api('/password/login', {method: 'POST', body: JSON.stringify(body)});
  const data = await res.json();
  $('#password-error').textContent = res.ok ? '' : data.error.message;
  if (!res.ok) return;
  form.reset();
  if (data.mfaRequired) {
    log('password accepted: second step');
    const mfa = document.createElement('passkey-mfa');
    mfa.mfaToken = data.mfaToken;
    document.querySelector('passkey-mfa')?.remove();
    $('#mfa-section').append(mfa);
    $('#mfa-section').hidden = false;
  } else {
    log('signed in with a password');
    show(data.user, true);
  }
});

$('#demo-account').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const data = new FormData(form);
  const res = await api('/password/register', {
    method: 'POST',
    body: JSON.stringify({
      username: data.get('username'),
      password: data.get('password'),
      mfa: data.get('mfa') === 'on',
    }),
  });
  const body = await res.json();
  $('#demo-account-note').textContent = res.ok
    ? `Account ${body.user.username} created: sign in with its password above.`
    : body.error.message;
  if (res.ok) form.reset();
});

refresh();
