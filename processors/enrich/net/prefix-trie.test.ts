// Longest-prefix matching agrees with a linear scan (property test), for IPv4, IPv6 and IPv4-mapped IPv6.
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { canonicalIp, isNonRoutableHostIp, parseIp, parseIpv4 } from "./ip.ts";
import { createPrefixTrie } from "./prefix-trie.ts";

describe("IP parsing", () => {
  it("accepts only strict dotted quads for IPv4", () => {
    expect(parseIpv4("10.50.0.20")).toBe(0x0a320014);
    expect(parseIpv4("255.255.255.255")).toBe(0xffffffff);
    for (const bad of ["10.50.0", "10.50.0.256", "010.1.1.1", "1.2.3.4.5", "a.b.c.d", "10..0.1", ""]) {
      expect(parseIpv4(bad), bad).toBe(-1);
    }
  });

  it("canonicalises IPv6 and folds IPv4-mapped addresses to IPv4", () => {
    expect(canonicalIp("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalIp("::ffff:10.60.0.11")).toBe("10.60.0.11");
    expect(canonicalIp("fe80::1%eth0")).toBe("fe80::1");
    expect(canonicalIp("not-an-ip")).toBeUndefined();
  });

  it("flags addresses an EDR reports that never appear on the wire as the host", () => {
    for (const ip of ["127.0.0.1", "169.254.1.1", "0.0.0.0", "::1", "fe80::1", "224.0.0.251"]) {
      expect(isNonRoutableHostIp(parseIp(ip)!), ip).toBe(true);
    }
    for (const ip of ["10.50.0.20", "2001:db8::1", "192.168.1.1"])
      expect(isNonRoutableHostIp(parseIp(ip)!), ip).toBe(false);
  });
});

describe("prefix trie", () => {
  it("returns the longest matching network", () => {
    const trie = createPrefixTrie<string>();
    for (const [cidr, v] of [
      ["0.0.0.0/0", "any"],
      ["10.0.0.0/8", "ten"],
      ["10.50.0.0/24", "scada"],
      ["10.50.0.128/25", "scada-hi"],
      ["::/0", "any6"],
      ["fd00::/8", "ula"],
      ["fd00:10::/32", "corp6"],
    ] as const) {
      expect(trie.insert(cidr, v).ok).toBe(true);
    }
    expect(trie.lookup("10.50.0.20")).toBe("scada");
    expect(trie.lookup("10.50.0.200")).toBe("scada-hi");
    expect(trie.lookup("10.99.0.1")).toBe("ten");
    expect(trie.lookup("8.8.8.8")).toBe("any");
    expect(trie.lookup("::ffff:10.50.0.20")).toBe("scada");
    expect(trie.lookup("fd00:10::1")).toBe("corp6");
    expect(trie.lookup("fd00:11::1")).toBe("ula");
    expect(trie.lookup("2001:db8::1")).toBe("any6");
    expect(trie.insert("10.50.0.0/24", "again")).toEqual({ ok: true, duplicateOf: "scada" });
    expect(trie.insert("10.50.0.0/33", "bad").ok).toBe(false);
  });

  it("agrees with a linear scan over random IPv4 networks", () => {
    const network = fc.tuple(fc.nat(0xffffffff), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(
        fc.array(network, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(0xffffffff), { maxLength: 50 }),
        (nets, probes) => {
          const trie = createPrefixTrie<number>();
          const kept: [ipaddr.IPv4, number, number][] = [];
          nets.forEach(([n, prefix], i) => {
            const ip = ipaddr.fromByteArray([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]) as ipaddr.IPv4;
            const inserted = trie.insert(`${ip.toString()}/${prefix}`, i);
            if (inserted.ok && inserted.duplicateOf === undefined) kept.push([ip, prefix, i]);
          });
          for (const p of [...probes, ...nets.map(([n]) => n)]) {
            const ip = ipaddr.fromByteArray([p >>> 24, (p >>> 16) & 255, (p >>> 8) & 255, p & 255]) as ipaddr.IPv4;
            let best: [number, number] | undefined;
            for (const [net, prefix, i] of kept) {
              if (ip.match(net, prefix) && (!best || prefix > best[0])) best = [prefix, i];
            }
            expect(trie.lookup(ip.toString())).toBe(best?.[1]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
