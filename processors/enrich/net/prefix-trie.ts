// Longest-prefix match of an IP against many CIDRs: one binary trie per address family, nodes stored in
// typed arrays (child indexes and a value slot) so a lookup is at most 32 (IPv4) or 128 (IPv6) array reads
// and no allocation. 500 zones of /24 give ~12k IPv4 nodes; the cost of a lookup does not grow with the
// number of zones, unlike a linear scan of networks.
import { type ParsedIp, parseCidr, parseIp } from "./ip.ts";

class BitTrie<T> {
  private zero = new Int32Array(64);
  private one = new Int32Array(64);
  private slot = new Int32Array(64).fill(-1);
  private size = 1;
  readonly values: T[] = [];

  private grow(): void {
    const capacity = this.zero.length * 2;
    const resize = (a: Int32Array, fill: number) => {
      const b = new Int32Array(capacity).fill(fill);
      b.set(a);
      return b;
    };
    this.zero = resize(this.zero, 0);
    this.one = resize(this.one, 0);
    this.slot = resize(this.slot, -1);
  }

  private child(node: number, bit: number): number {
    const side = bit ? this.one : this.zero;
    let next = side[node]!;
    if (next === 0) {
      if (this.size === this.zero.length) this.grow();
      next = this.size++;
      (bit ? this.one : this.zero)[node] = next;
    }
    return next;
  }

  /** Returns the value already stored at exactly this prefix, if any (the caller decides what a duplicate means). */
  insert(bitAt: (i: number) => number, prefix: number, value: T): T | undefined {
    let node = 0;
    for (let i = 0; i < prefix; i++) node = this.child(node, bitAt(i));
    const existing = this.slot[node]!;
    if (existing >= 0) return this.values[existing];
    this.slot[node] = this.values.length;
    this.values.push(value);
    return undefined;
  }

  lookup(bitAt: (i: number) => number, bits: number): T | undefined {
    let node = 0;
    let best = this.slot[0]!;
    for (let i = 0; i < bits; i++) {
      node = bitAt(i) ? this.one[node]! : this.zero[node]!;
      if (node === 0) break;
      const s = this.slot[node]!;
      if (s >= 0) best = s;
    }
    return best >= 0 ? this.values[best] : undefined;
  }

  /** IPv4 walk without a closure: the hot path for OT traffic. */
  lookupUint32(n: number): T | undefined {
    let node = 0;
    let best = this.slot[0]!;
    for (let i = 31; i >= 0; i--) {
      node = (n >>> i) & 1 ? this.one[node]! : this.zero[node]!;
      if (node === 0) break;
      const s = this.slot[node]!;
      if (s >= 0) best = s;
    }
    return best >= 0 ? this.values[best] : undefined;
  }
}

export interface PrefixTrie<T> {
  /** Adds a network; returns the value that already held exactly this network (not replaced), if any. */
  insert(cidr: string, value: T): { ok: true; duplicateOf?: T } | { ok: false };
  /** The value of the longest network containing the IP. */
  lookup(ip: string): T | undefined;
  lookupParsed(ip: ParsedIp): T | undefined;
  /** IPv4 as an unsigned 32-bit integer (net/ip.ts parseIpv4): the allocation-free hot path. */
  lookupIpv4(n: number): T | undefined;
}

export function createPrefixTrie<T>(): PrefixTrie<T> {
  const v4 = new BitTrie<T>();
  const v6 = new BitTrie<T>();
  const lookupParsed = (ip: ParsedIp): T | undefined => {
    if (ip.v === 4) return v4.lookupUint32(ip.n);
    const bytes = ip.bytes;
    return v6.lookup((i) => (bytes[i >>> 3]! >>> (7 - (i & 7))) & 1, 128);
  };
  return {
    insert(cidr, value) {
      const parsed = parseCidr(cidr);
      if (!parsed) return { ok: false };
      const { ip, prefix } = parsed;
      const duplicateOf =
        ip.v === 4
          ? v4.insert((i) => (ip.n >>> (31 - i)) & 1, prefix, value)
          : v6.insert((i) => (ip.bytes[i >>> 3]! >>> (7 - (i & 7))) & 1, prefix, value);
      return duplicateOf === undefined ? { ok: true } : { ok: true, duplicateOf };
    },
    lookup(ip) {
      const parsed = parseIp(ip);
      return parsed ? lookupParsed(parsed) : undefined;
    },
    lookupParsed,
    lookupIpv4: (n) => v4.lookupUint32(n),
  };
}
