// Two ways to use the kit in React 19, side by side:
//  - the @lit/react wrappers of passkey-elements/react (<PasskeyRegister onPasskeyRegistered>);
//  - the tag itself (<passkey-login onpasskey-authenticated>), which React 19 handles natively,
//    typed by passkey-elements/jsx once the tags are registered (passkey-elements/define.js).
import {useEffect, useState} from 'react';
import type {User} from 'passkey-elements';
import 'passkey-elements/define.js';
import type {} from 'passkey-elements/jsx';
import {PasskeyRegister} from 'passkey-elements/react';

const session = (init?: RequestInit) =>
  fetch('/passkeys/session', {headers: {'content-type': 'application/json'}, ...init});

export function App() {
  // undefined: not known yet; null: nobody signed in.
  const [user, setUser] = useState<User | null>();

  useEffect(() => {
    session().then(async (res) => setUser(((await res.json()) as {user: User | null}).user));
  }, []);

  async function signOut() {
    await session({method: 'DELETE'});
    setUser(null);
  }

  if (user === undefined) return <p>Checking your session…</p>;
  if (user) {
    return (
      <main>
        <h1>React</h1>
        <p id="status" aria-live="polite">
          Signed in as {user.displayName} (@{user.username})
        </p>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </main>
    );
  }
  return (
    <main>
      <h1>React</h1>
      <p id="status" aria-live="polite">
        Not signed in.
      </p>
      <section>
        <h2>Create an account</h2>
        <PasskeyRegister signup onPasskeyRegistered={(e) => setUser(e.detail.user)} />
      </section>
      <section>
        <h2>Sign in</h2>
        <passkey-login discoverable onpasskey-authenticated={(e) => setUser(e.detail.user)} />
      </section>
    </main>
  );
}
