import {BlockList, isIP} from 'node:net';
import {getConnInfo} from '@hono/node-server/conninfo';
import type {AppContext} from './context.js';

/**
 * Which proxies the server sits behind (`TRUST_PROXY`), parsed:
 * - `null`: none. The client is the socket's address; `X-Forwarded-For` is ignored.
 * - `{hops: n}`: `n` proxies, each of which appends the address it saw to `X-Forwarded-For`.
 *   The client is the `n`-th entry from the right (the one the outermost proxy wrote).
 * - `{ranges}`: the proxies' addresses (single addresses or CIDR ranges). Only a request whose
 *   socket peer is in `ranges` has its `X-Forwarded-For` read; the client is the right-most entry
 *   that is not itself in `ranges` (entries further left were written by the client, and lie).
 */
export type TrustProxy = null | {hops: number} | {ranges: BlockList; text: string};

/**
 * Parses `TRUST_PROXY`: empty or unset (off), a number of hops (`1`, `2`, …), or a comma list of
 * addresses and CIDR ranges (`10.0.0.0/8, 127.0.0.1, fd00::/8`). Throws an `Error` saying what is
 * wrong otherwise (`true`, `yes` and the like are refused: they do not say whom to trust).
 */
export function parseTrustProxy(value: string | null | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return null;
  if (/^\d+$/.test(text)) return {hops: Number(text)};
  const ranges = new BlockList();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address ?? '');
    if (extra !== undefined || family === 0)
      throw new Error(
        `"${item}" is not an address or CIDR range (TRUST_PROXY takes a hop count or a comma list of proxy addresses/ranges)`,
      );
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      ranges.addAddress(address!, type);
      continue;
    }
    const bits = /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128)))
      throw new Error(`"${item}" has an invalid prefix length`);
    ranges.addSubnet(address!, bits, type);
  }
  return {ranges, text};
}

/** `a.b.c.d`, or an IPv6 address with zone and brackets removed; `null` when it is neither. */
function parseAddress(raw: string): {family: 4 | 6; address: string} | null {
  let value = raw.trim();
  if (value.startsWith('['))
    value = value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%.*$/, '');
  const family = isIP(value);
  if (family === 4) return {family: 4, address: value};
  if (family !== 6) return null;
  // An IPv4 client seen on a dual-stack socket (`::ffff:192.0.2.1`) is that IPv4 client.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) return {family: 4, address: mapped[1]!};
  return {family: 6, address: value};
}

/** The eight groups of an IPv6 address, as numbers. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part (`::1.2.3.4`) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

/**
 * The rate-limit key of an address: an IPv4 address as it is, an IPv6 address as its /64
 * (`2001:db8:1:2::/64`): one host usually gets a whole /64, so counting /128s would hand every
 * attacker 2^64 budgets.
 */
export function addressKey(raw: string): string | null {
  const parsed = parseAddress(raw);
  if (!parsed) return null;
  if (parsed.family === 4) return parsed.address;
  const groups = ipv6Groups(parsed.address).slice(0, 4);
  return `${groups.map((g) => g.toString(16)).join(':')}::/64`;
}

/** The client's address as the Node server saw it, or `null` (e.g. `app.fetch()` in tests). */
export function socketAddress(c: AppContext): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** The entries of `X-Forwarded-For` (every such header, in order), left to right. */
function forwardedFor(c: AppContext): string[] {
  const header = c.req.raw.headers.get('x-forwarded-for');
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client's address per `trust`, or `null` when there is none to go by: the socket address,
 * or, behind a trusted proxy, the address that proxy reports in `X-Forwarded-For`. `Forwarded`
 * (RFC 7239) is not read: a proxy that writes one of the two headers passes the other on from the
 * client untouched, so reading both would let the client pick its own key.
 */
export function clientAddress(
  c: AppContext,
  trust: TrustProxy,
  socket: string | null = socketAddress(c),
): string | null {
  if (!trust) return socket;
  const hops = forwardedFor(c);
  if ('hops' in trust) {
    // The n-th entry from the right was written by the outermost of the n proxies (entries further
    // left come from the client). Fewer entries: the request did not pass every proxy; the socket.
    if (hops.length < trust.hops) return socket;
    return hops[hops.length - trust.hops] ?? socket;
  }
  const trusted = (raw: string) => {
    const parsed = parseAddress(raw);
    return parsed
      ? trust.ranges.check(parsed.address, parsed.family === 4 ? 'ipv4' : 'ipv6')
      : false;
  };
  // The socket peer must be one of the proxies, else the header is the client's own invention.
  if (socket === null || !trusted(socket)) return socket;
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(hops[i]!)) return hops[i]!;
  // Every hop is a proxy (or there is no header): the left-most one is as far as we can see.
  return hops[0] ?? socket;
}

/**
 * The default `clientKey` of `createPasskeyApp`: the client's address per `TRUST_PROXY`, IPv6
 * grouped by /64. With no address to go by (no socket, as under `app.fetch()` in a runtime without
 * Node bindings, and no trusted proxy header), every such request shares the key `unknown`, and
 * the first one logs a loud warning: the per-client limit then throttles all those clients
 * together, so such a deployment should pass its own `clientKey` or set `TRUST_PROXY`.
 */
export function clientKeyFunction(
  trustProxy: string | null | undefined,
  log: (message: string) => void = (m) => console.error(m),
): (c: AppContext) => string {
  const trust = parseTrustProxy(trustProxy);
  let warned = false;
  return (c) => {
    const address = clientAddress(c, trust);
    if (address !== null) {
      const key = addressKey(address);
      if (key !== null) return key;
      // A proxy we trust wrote something that is not an address: keep it, bounded, as the key.
      return `raw:${address.slice(0, 64)}`;
    }
    if (!warned) {
      warned = true;
      log(
        '[passkey-server] WARNING: a request came without a client address (no socket address, no trusted proxy header): every such client shares ONE rate-limit key, "unknown". Set TRUST_PROXY or pass a clientKey to createPasskeyApp.',
      );
    }
    return 'unknown';
  };
}
