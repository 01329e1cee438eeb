// Which address a request came from, when it may have passed through proxies we run. The
// socket's peer is the client unless it is a trusted proxy; then X-Forwarded-For is read
// from the right (the hop nearest to us), skipping trusted addresses, and the first
// untrusted one is the client. Anything left of it was written by the client and is
// ignored: a client cannot choose the address its requests are logged under.
import { BlockList, isIP } from 'node:net';

/** The configured proxies (addresses and CIDR ranges, IPv4 and IPv6). */
export interface TrustedProxies {
  readonly isTrusted: (address: string) => boolean;
}

/** Trusts nobody: the socket's peer is always the client. */
export const NO_TRUSTED_PROXIES: TrustedProxies = { isTrusted: () => false };

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Problems with the entries of a trusted-proxy list ("10.0.0.0/8", "::1"), one per bad entry. */
export function trustedProxyProblems(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return [`"${entry}" is not an IP address or CIDR range`];
    if (prefix === undefined) return [];
    const bits = Number(prefix);
    const max = family === 4 ? 32 : 128;
    return /^\d{1,3}$/.test(prefix) && bits <= max ? [] : [`"${entry}" has a prefix length outside 0-${max}`];
  });
}

/** The proxy list as a matcher; entries must have passed trustedProxyProblems (config does that). */
export function createTrustedProxies(entries: readonly string[]): TrustedProxies {
  if (entries.length === 0) return NO_TRUSTED_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return {
    isTrusted: (address) => {
      const normalized = normalizeAddress(address);
      const family = isIP(normalized);
      return family !== 0 && list.check(normalized, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** One X-Forwarded-For element as an address: `1.2.3.4`, `1.2.3.4:5678`, `[::1]:443`, `::1`; else null. */
function forwardedAddress(element: string): string | null {
  const value = element.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  const candidate = bracketed ? bracketed[1] : /^\d+\.\d+\.\d+\.\d+:\d+$/.test(value) ? value.slice(0, value.lastIndexOf(':')) : value;
  return isIP(candidate) ? normalizeAddress(candidate) : null;
}

/**
 * The client's address: the socket peer, or, when the peer is a trusted proxy, the first
 * untrusted address of X-Forwarded-For read from the right. A malformed element ends the
 * walk at the last trusted hop (never a value the client could have made up).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string | null {
  if (!socketAddress) return null;
  let client = normalizeAddress(socketAddress);
  if (!trusted.isTrusted(client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').reverse();
  for (const hop of hops) {
    const address = forwardedAddress(hop);
    if (address === null) return client;
    client = address;
    if (!trusted.isTrusted(address)) return client;
  }
  return client;
}
