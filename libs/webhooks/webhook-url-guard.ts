import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which webhook URLs may be called (server-side request forgery guard). Pure: DNS resolution is
 * injected, so the rules are unit-tested without a network.
 *
 * - https only; http only for loopback hosts, and only with `allowLoopback` (tests, local development).
 * - No credentials in the URL.
 * - Every address the host resolves to must be public unicast: private, loopback (unless allowed),
 *   link-local, unique-local, CGNAT, multicast, broadcast, unspecified, reserved and documentation
 *   ranges are refused, and so are IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64, 6to4 and
 *   Teredo forms, which could reach such an IPv4 address. IPv6 must be global unicast (2000::/3).
 *
 * The check runs at registration (after DNS resolution) and again at delivery on the address
 * actually connected to (webhook-http.ts), so DNS rebinding cannot get through.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a host name (like `dns.lookup(host, { all: true })`). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface WebhookUrlPolicy {
  /** WEBHOOK_ALLOW_LOOPBACK: http(s) to 127.0.0.0/8 and ::1. */
  allowLoopback: boolean;
}

/** Why a URL may not be called; the message is safe to show the vendor. */
export class WebhookUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlError';
  }
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  uniqueLocal: 'unique-local',
  reserved: 'reserved',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
  deprecatedSiteLocal: 'site-local',
};

/** Why a connection to this IP address is refused, or null when it is allowed. */
export function addressRefusal(address: string, policy: WebhookUrlPolicy): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return `${address} is not an IP address`;
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:a.b.c.d reaches a.b.c.d: judge the IPv4 address it carries.
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'loopback' && policy.allowLoopback) return null;
  if (range !== 'unicast') return `${address} is a ${RANGE_NAMES[range] ?? range} address`;
  if (parsed.kind() === 'ipv6') {
    const parts = (parsed as ipaddr.IPv6).parts;
    if (parts.slice(0, 6).every((part) => part === 0)) return `${address} is an IPv4-compatible address`;
    if ((parts[0] & 0xe000) !== 0x2000) return `${address} is not a global unicast address`;
  }
  return null;
}

export interface CheckedUrl {
  url: URL;
  /** The host without IPv6 brackets. */
  host: string;
  /** Whether the host is an IP address (no DNS involved). */
  isAddress: boolean;
}

/**
 * The checks that need no DNS: scheme, credentials, and the address itself when the host is one.
 * Run before every attempt; the resolved addresses are checked in the connection's lookup.
 */
export function checkUrlShape(raw: string, policy: WebhookUrlPolicy): CheckedUrl {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new WebhookUrlError(`url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('url must be an absolute https:// URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlError('url must use https');
  if (url.username || url.password) throw new WebhookUrlError('url must not contain credentials');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!host) throw new WebhookUrlError('url must name a host');
  const isAddress = isIP(host) !== 0;
  if (url.protocol === 'http:') {
    const loopbackHost = isAddress ? ipaddr.parse(host).range() === 'loopback' : host === 'localhost';
    if (!policy.allowLoopback || !loopbackHost) throw new WebhookUrlError('url must use https');
  }
  if (isAddress) {
    const refusal = addressRefusal(host, policy);
    if (refusal) throw new WebhookUrlError(`url is not allowed: ${refusal}`);
  }
  return { url, host, isAddress };
}

/**
 * The full registration check: shape, then every address the host resolves to.
 * Returns the normalised URL; throws WebhookUrlError with a reason otherwise.
 */
export async function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy, resolve: HostResolver): Promise<string> {
  const checked = checkUrlShape(raw, policy);
  if (!checked.isAddress) {
    let addresses: ResolvedAddress[];
    try {
      addresses = await resolve(checked.host);
    } catch {
      throw new WebhookUrlError(`url host ${checked.host} does not resolve`);
    }
    if (addresses.length === 0) throw new WebhookUrlError(`url host ${checked.host} does not resolve`);
    for (const { address } of addresses) {
      const refusal = addressRefusal(address, policy);
      if (refusal) throw new WebhookUrlError(`url is not allowed: ${checked.host} resolves to ${refusal}`);
    }
    if (checked.url.protocol === 'http:' && addresses.some(({ address }) => !isLoopback(address))) {
      throw new WebhookUrlError('url must use https');
    }
  }
  return checked.url.toString();
}

function isLoopback(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'loopback';
}
