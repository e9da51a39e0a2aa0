// IP parsing for the hot path. IPv4 dotted quads (nearly every OT address) are parsed by hand into a uint32,
// which is what the prefix trie walks; everything else goes through ipaddr.js. Only four-part decimal IPv4 is
// accepted: ipaddr.js's `parse` would read "10.1" or "010.0.0.1" as classful/octal forms no sensor emits.
import ipaddr from "ipaddr.js";

export type ParsedIp = { v: 4; n: number } | { v: 6; bytes: Uint8Array };

/** Parses a strict dotted-quad IPv4 into an unsigned 32-bit integer, or -1. */
export function parseIpv4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // leading zero: "010" is octal in some parsers, reject it
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** Parses any IP; IPv4-mapped IPv6 (::ffff:10.0.0.1) becomes IPv4 so it matches IPv4 zones and assets. */
export function parseIp(text: string): ParsedIp | undefined {
  const n = parseIpv4(text);
  if (n >= 0) return { v: 4, n };
  if (!text.includes(":")) return undefined;
  const bare = stripZone(text);
  if (!ipaddr.IPv6.isValid(bare)) return undefined;
  const address = ipaddr.IPv6.parse(bare);
  if (address.isIPv4MappedAddress()) return { v: 4, n: parseIpv4(address.toIPv4Address().toString()) };
  return { v: 6, bytes: Uint8Array.from(address.toByteArray()) };
}

/** One spelling per address, the key of every IP map: dotted quad, or RFC 5952 IPv6. */
export function canonicalIp(text: string): string | undefined {
  if (parseIpv4(text) >= 0) return text;
  const parsed = parseIp(text);
  if (!parsed) return undefined;
  return formatIp(parsed);
}

/** Drops an IPv6 zone index ("fe80::1%eth0"): the same address on any interface. */
function stripZone(text: string): string {
  const percent = text.indexOf("%");
  return percent < 0 ? text : text.slice(0, percent);
}

export function formatIp(ip: ParsedIp): string {
  if (ip.v === 4) return `${ip.n >>> 24}.${(ip.n >>> 16) & 255}.${(ip.n >>> 8) & 255}.${ip.n & 255}`;
  return (ipaddr.fromByteArray(Array.from(ip.bytes)) as ipaddr.IPv6).toRFC5952String();
}

/** Parses "10.50.0.0/24" (or a bare IP as a host route); undefined when malformed. Host bits are masked off. */
export function parseCidr(text: string): { ip: ParsedIp; prefix: number } | undefined {
  const slash = text.indexOf("/");
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const max = ip.v === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const raw = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(raw)) return undefined;
    prefix = Number(raw);
    // An IPv4-mapped IPv6 network ("::ffff:10.0.0.0/104") is an IPv4 network of prefix - 96.
    if (ip.v === 4 && text.includes(":")) prefix -= 96;
    if (prefix < 0 || prefix > max) return undefined;
  }
  return { ip, prefix };
}

/** Interfaces an EDR reports but an OT sensor never sees as a flow endpoint of that host. */
export function isNonRoutableHostIp(ip: ParsedIp): boolean {
  if (ip.v === 4) {
    const a = ip.n >>> 24;
    const b = (ip.n >>> 16) & 255;
    if (a === 0 || a === 127) return true; // unspecified, loopback
    if (a === 169 && b === 254) return true; // link-local / APIPA
    if (a >= 224) return true; // multicast, reserved, broadcast
    return false;
  }
  const x = ip.bytes;
  if (x.every((byte, i) => byte === (i === 15 ? 1 : 0)) || x.every((byte) => byte === 0)) return true; // ::1, ::
  if (x[0] === 0xfe && (x[1]! & 0xc0) === 0x80) return true; // fe80::/10 link-local
  if (x[0] === 0xff) return true; // multicast
  return false;
}
