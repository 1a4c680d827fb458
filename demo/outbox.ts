// The dev outbox as a page: GET /passkeys/dev/outbox (development mode only) shown as mails,
// newest first, each one-time code large with a Copy button. Opened beside the demo (a tab of its
// own), so a sign-up in progress stays where it is. DOM calls only (Trusted Types).
interface Mail {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const CODE = /\b\d{6}\b/;
let shown = '';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** The mail's text with its one-time code marked. */
function body(text: string) {
  const pre = el('pre');
  const m = CODE.exec(text);
  if (!m) pre.textContent = text;
  else pre.append(text.slice(0, m.index), el('mark', m[0]), text.slice(m.index + m[0].length));
  return pre;
}

function mail(m: Mail) {
  const li = el('li', undefined, 'mail');
  const title = el('h2', m.subject);
  const meta = el('p', `To ${m.to} · ${new Date(m.sentAt).toLocaleString('en-GB')}`, 'meta');
  li.append(title, meta);
  const code = CODE.exec(m.text)?.[0];
  if (code) {
    const row = el('p', undefined, 'code');
    const out = el('output', code);
    out.setAttribute('aria-label', `Code ${code.split('').join(' ')}`);
    const copy = el('button', 'Copy the code', 'button secondary');
    copy.type = 'button';
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code);
        copy.textContent = 'Copied';
      } catch {
        copy.textContent = 'Copy refused: select the code instead';
      }
    });
    row.append(out, copy);
    li.append(row);
  }
  li.append(body(m.text));
  return li;
}

async function load() {
  const state = $('#state');
  let res: Response;
  try {
    res = await fetch('/passkeys/dev/outbox', {headers: {accept: 'application/json'}});
  } catch {
    state.textContent =
      'The server did not answer. Check that it is running; this page tries again.';
    return;
  }
  if (res.status === 404) {
    state.textContent =
      'No outbox: the server is not in development mode (DEV_MODE=1), so mail goes out by SMTP or not at all.';
    $('#mails').replaceChildren();
    return;
  }
  const mails = ((await res.json()) as Mail[]).slice().reverse();
  const key = JSON.stringify(mails.map((m) => m.sentAt + m.to));
  state.textContent = mails.length
    ? ''
    : 'No mail yet. Sign up with your email on the demo page, and the code shows up here.';
  if (key === shown) return;
  shown = key;
  $('#mails').replaceChildren(...mails.map(mail));
}

$('#refresh').addEventListener('click', () => void load());
setInterval(() => {
  if (document.visibilityState === 'visible') void load();
}, 3000);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void load();
});
void load();
