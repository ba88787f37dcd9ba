import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { BlockedAddressError } from './errors.ts';

/**
 * The SSRF guard: which IP addresses Meridian may connect to. Checked on the address DNS returned
 * (so a public name pointing at 10.0.0.1 is caught) and on literal-IP URLs before connecting (for
 * which no DNS lookup happens), on every redirect hop.
 *
 * Three tiers:
 *  - public unicast addresses: always allowed;
 *  - loopback, RFC 1918 private, carrier-grade NAT (100.64/10) and IPv6 unique-local (fc00::/7):
 *    allowed only with `allowPrivate` (MERIDIAN_ALLOW_PRIVATE_ADDRESSES; tests and LAN installs);
 *  - link-local (169.254/16 with the cloud metadata endpoint, fe80::/10), unspecified, multicast,
 *    broadcast, reserved ranges, Teredo, and the known metadata/wire-server addresses even where they
 *    sit in another range: never, whatever `allowPrivate` says. Reaching one of those from a feed
 *    URL is an attack, not a configuration. Only an explicit allow-list (MERIDIAN_ALLOWED_ADDRESSES,
 *    CIDRs) overrides any tier.
 * IPv6 addresses that embed an IPv4 address (::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
 * are judged by the IPv4 address inside.
 */
export interface AddressPolicy {
  readonly allowPrivate: boolean;
  readonly allowList: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export type Verdict = { allowed: true } | { allowed: false; reason: string };

/** Ranges allowed only with allowPrivate, by ipaddr.js range name. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'carrierGradeNat', 'uniqueLocal']);

/** Metadata services that live outside link-local: Alibaba (CGNAT), AWS IPv6 (ULA), Azure wire server (public). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '100.100.100.200', 'fd00:ec2::254', '168.63.129.16']);

export function createAddressPolicy(options: {
  allowPrivate?: boolean;
  allowedCidrs?: readonly string[];
}): AddressPolicy {
  const allowList = (options.allowedCidrs ?? []).map((cidr) => {
    try {
      return cidr.includes('/') ? ipaddr.parseCIDR(cidr) : wholeAddress(ipaddr.parse(cidr));
    } catch {
      throw new RangeError(`Not an IP address or CIDR range: "${cidr}"`);
    }
  });
  return { allowPrivate: options.allowPrivate === true, allowList };
}

function wholeAddress(addr: ipaddr.IPv4 | ipaddr.IPv6): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

export function judgeAddress(address: string, policy: AddressPolicy): Verdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return { allowed: false, reason: 'not an IP address' };
  }
  for (const [range, bits] of policy.allowList) {
    if (parsed.kind() === range.kind() && parsed.match(range, bits)) return { allowed: true };
  }
  const effective = embeddedIPv4(parsed) ?? parsed;
  if (METADATA_ADDRESSES.has(effective.toNormalizedString()) || METADATA_ADDRESSES.has(effective.toString())) {
    return { allowed: false, reason: 'cloud metadata address' };
  }
  const range = effective.range();
  if (range === 'unicast') return { allowed: true };
  if (PRIVATE_RANGES.has(range)) {
    return policy.allowPrivate
      ? { allowed: true }
      : { allowed: false, reason: `${range} address (set MERIDIAN_ALLOW_PRIVATE_ADDRESSES=true to allow)` };
  }
  return { allowed: false, reason: `${range} address` };
}

/** The IPv4 address carried inside an IPv4-mapped, NAT64 or 6to4 IPv6 address. */
function embeddedIPv4(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | null {
  if (addr.kind() !== 'ipv6') return null;
  const v6 = addr as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return v6.toIPv4Address();
  const bytes = v6.toByteArray();
  if (range === 'rfc6052') return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/** The IP address a URL names directly (no DNS involved), or null for a host name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) ? host : null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net.connect that resolves, then refuses the connection if ANY address the name
 * resolves to is blocked (a name with one public and one private address is a rebinding trick).
 * Answers in whichever shape the caller asked for (`all` or a single address).
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolver = dnsLookup): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true } as LookupAllOptions, (err, addresses) => {
      if (err) return callback(err, []);
      for (const { address } of addresses) {
        const verdict = judgeAddress(address, policy);
        if (!verdict.allowed) return callback(new BlockedAddressError(hostname, address, verdict.reason), []);
      }
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}
