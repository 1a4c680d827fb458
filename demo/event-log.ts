// The event log beside the page: every event the kit fires, newest first, as a sentence a person
// reads ("Signed in Ada (@ada) with a passkey.") and, folded under it, the detail's fields (never
// raw JSON). Built with DOM calls only: the page runs under Trusted Types, and a display name is
// whatever a user typed.

type Detail = Record<string, unknown>;
interface Named {
  username?: string;
  displayName?: string;
  name?: string;
}

const who = (u: unknown) => {
  const user = (u ?? {}) as Named;
  return user.displayName && user.displayName !== user.username
    ? `${user.displayName} (@${user.username})`
    : `@${user.username}`;
};
const passkeyName = (p: unknown) => `“${(p as Named | undefined)?.name ?? 'passkey'}”`;

/** One sentence for an event's detail. */
export function describe(name: string, d: Detail): string {
  switch (name) {
    case 'passkey-start':
      return d.ceremony === 'registration'
        ? 'Asked the device to make a passkey.'
        : 'Asked the device for a passkey.';
    case 'passkey-authenticated':
      return d.factor === 'mfa'
        ? `Signed in ${who(d.user)}: password, then passkey.`
        : `Signed in ${who(d.user)} with a passkey.`;
    case 'passkey-registered':
      return `Made the passkey ${passkeyName(d.passkey)} for ${who(d.user)}.`;
    case 'passkey-updated':
      return `Renamed a passkey to ${passkeyName(d.passkey)}.`;
    case 'passkey-deleted':
      return `Deleted a passkey (id ${String(d.id).slice(0, 12)}…).`;
    case 'passkey-confirmed':
      return `Confirmed it is them${d.action ? ` for “${String(d.action)}”` : ''}.`;
    case 'passkey-cancel':
      return `The prompt was closed (${String(d.code)}). Nothing changed.`;
    case 'passkey-error':
      return `${String(d.message)} (${String(d.code)})`;
    case 'passkey-unsupported':
      return 'This browser cannot use passkeys.';
    default:
      return '';
  }
}

/** The detail's fields as `path: value` pairs (`user.username: ada`), nested objects flattened. */
export function fields(value: unknown, path = ''): [string, string][] {
  if (value === null || typeof value !== 'object')
    return path ? [[path, value === undefined ? '' : String(value)]] : [];
  return Object.entries(value).flatMap(([k, v]) => fields(v, path ? `${path}.${k}` : k));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** The log: `add()` for an event of the kit, `note()` for what the site itself did. */
export function eventLog(list: HTMLOListElement, count: HTMLElement, clear: HTMLElement) {
  const update = () => {
    const n = list.children.length;
    count.textContent = n === 0 ? 'no events yet' : n === 1 ? '1 event' : `${n} events`;
    clear.hidden = n === 0;
  };

  function entry(kind: string, source: string, title: string, text: string) {
    const li = el('li', undefined, `entry ${kind}`);
    const head = el('p', undefined, 'entry-head');
    head.append(
      el('time', new Date().toLocaleTimeString('en-GB')),
      el('code', source, 'source'),
      el('strong', title, 'name'),
    );
    li.append(head, el('p', text, 'entry-text'));
    list.prepend(li);
    update();
    return li;
  }

  clear.addEventListener('click', () => {
    list.replaceChildren();
    update();
  });
  update();

  return {
    add(event: CustomEvent<Detail>) {
      const source = `<${(event.target as Element).localName}>`;
      const kind = event.type.slice('passkey-'.length);
      const li = entry(kind, source, event.type, describe(event.type, event.detail ?? {}));
      const pairs = fields(event.detail);
      if (pairs.length) {
        const more = el('details');
        const list = el('dl');
        for (const [k, v] of pairs) list.append(el('dt', k), el('dd', v));
        more.append(el('summary', 'detail'), list);
        li.append(more);
      }
    },
    note(text: string) {
      entry('site', 'site', 'page', text);
    },
  };
}
