// The ceremony baseline: what a site writes by hand with @simplewebauthn/browser against the same
// two endpoints, on its own button. Finishing dispatches `bench-authenticated` with the user,
// as <passkey-login> dispatches `passkey-authenticated`.
import {startAuthentication, startRegistration} from '@simplewebauthn/browser';

async function post(path: string, body: unknown) {
  const res = await fetch(`/passkeys${path}`, {
    method: 'POST',
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(data)}`);
  return data;
}

document.querySelector('#signin')!.addEventListener('click', async () => {
  try {
    const {options} = await post('/authentication/options', {});
    const response = await startAuthentication({optionsJSON: options});
    const {user} = await post('/authentication/verify', {response});
    document.dispatchEvent(new CustomEvent('bench-authenticated', {detail: {user}}));
  } catch (e) {
    document.dispatchEvent(new CustomEvent('bench-error', {detail: {message: String(e)}}));
  }
});

// Not measured: the one sign-up the ceremony part needs before it starts.
(window as unknown as {benchSignup: (u: string) => Promise<unknown>}).benchSignup = async (
  username: string,
) => {
  const {options} = await post('/registration/options', {username});
  const response = await startRegistration({optionsJSON: options});
  return (await post('/registration/verify', {response})).user;
};
