// Registers every tag, then follows the session through the elements' events.
import 'passkey-elements/define.js';

const status = document.querySelector('#status');
const signOut = document.querySelector('#sign-out');

/** Shows who is signed in (the `user` of the backend contract), or nobody. */
function show(user) {
  status.textContent = user
    ? `Signed in as ${user.displayName} (@${user.username})`
    : 'Not signed in.';
  signOut.hidden = !user;
  for (const section of document.querySelectorAll('.signed-out')) section.hidden = !!user;
}

// Both events bubble out of the elements and are composed, so the document hears them.
document.addEventListener('passkey-registered', (e) => show(e.detail.user));
document.addEventListener('passkey-authenticated', (e) => show(e.detail.user));

signOut.addEventListener('click', async () => {
  await fetch('/passkeys/session', {
    method: 'DELETE',
    headers: {'content-type': 'application/json'},
  });
  show(null);
});

const {user} = await (await fetch('/passkeys/session')).json();
show(user);
