import '../src/define.js';
import type {User} from '../src/core/client/types.js';

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

function log(line: string) {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${line}`;
  $('#log').prepend(li);
}

function show(user: User | null) {
  $('#whoami').textContent = user
    ? `Signed in as ${user.displayName} (@${user.username}).`
    : 'Not signed in.';
  $('#signout').hidden = !user;
  document.querySelectorAll<HTMLElement>('.signed-out').forEach((s) => (s.hidden = !!user));
  document.querySelectorAll<HTMLElement>('.signed-in').forEach((s) => (s.hidden = !user));
}

async function refresh() {
  const res = await fetch('/passkeys/session', {credentials: 'include'});
  const {user} = (await res.json()) as {user: User | null};
  show(user);
}

for (const name of [
  'passkey-start',
  'passkey-authenticated',
  'passkey-registered',
  'passkey-cancel',
  'passkey-error',
  'passkey-unsupported',
] as const) {
  document.addEventListener(name, (e) => {
    const target = (e.target as Element).localName;
    log(`${target} → ${name} ${JSON.stringify(e.detail)}`);
  });
}
document.addEventListener('passkey-authenticated', (e) => show(e.detail.user));
document.addEventListener('passkey-registered', (e) => show(e.detail.user));

$('#signout').addEventListener('click', async () => {
  await fetch('/passkeys/session', {method: 'DELETE', credentials: 'include'});
  log('signed out');
  await refresh();
});

refresh();
