/**
 * Which IP addresses a webhook may be sent to (PRODUCT.md §7): only public unicast ones. Private,
 * loopback, link-local (the instance metadata service among them), unspecified, shared (CGNAT),
 * documentation, benchmarking, multicast and reserved ranges are refused, and an IPv6 address that
 * carries an IPv4 one (mapped, NAT64) is judged by that IPv4 address. Parsed here, without node:net.
 */

/** `[first address, prefix length]` of every IPv4 range a webhook may not reach. */
const BLOCKED_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, 169.254.169.254 is the metadata service
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

/** The same for IPv6 (bytes compared by prefix). */
const BLOCKED_V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['fc00::', 7], // unique local, fd00:ec2::254 is the metadata service
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const parseV4 = (text: string): number[] | null => {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : Number.NaN));
  return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : null;
};

const parseV6 = (text: string): number[] | null => {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const words: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseV4(piece);
        if (!v4) return null;
        words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        words.push(Number.parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return words;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...Array<number>(missing).fill(0), ...tail];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
};

const inPrefix = (bytes: readonly number[], first: readonly number[], prefix: number): boolean => {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if (((bytes[bit >> 3] ?? 0) & mask) !== ((first[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
};

const blockedV4 = (bytes: readonly number[]): boolean =>
  BLOCKED_V4.some(([first, prefix]) => inPrefix(bytes, parseV4(first) ?? [], prefix));

const startsWith = (bytes: readonly number[], prefix: readonly number[]): boolean =>
  prefix.every((byte, index) => bytes[index] === byte);

/**
 * The IPv4 address an IPv6 one carries: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`),
 * NAT64 (`64:ff9b::a.b.c.d`) and 6to4 (`2002:aabb:ccdd::`); null when it carries none.
 */
const embeddedV4 = (bytes: readonly number[]): number[] | null => {
  const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
  const compatible = Array<number>(12).fill(0);
  const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
  if ([mapped, compatible, nat64].some((prefix) => startsWith(bytes, prefix))) return bytes.slice(12);
  if (startsWith(bytes, [0x20, 0x02])) return bytes.slice(2, 6);
  return null;
};

/**
 * Whether `address` (an IPv4 or IPv6 literal, as DNS answers it) is a public unicast address a webhook
 * may be delivered to. Anything that does not parse is not.
 */
export const isPublicAddress = (address: string): boolean => {
  const v4 = parseV4(address);
  if (v4) return !blockedV4(v4);
  const v6 = parseV6(address);
  if (!v6) return false;
  if (BLOCKED_V6.some(([first, prefix]) => inPrefix(v6, parseV6(first) ?? [], prefix))) return false;
  const carried = embeddedV4(v6);
  return carried ? !blockedV4(carried) : true;
};

/** Whether `host` is written as an IP address rather than a name. */
export const isAddressLiteral = (host: string): boolean => parseV4(host) !== null || parseV6(host) !== null;
