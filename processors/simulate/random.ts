// Seeded pseudo-random numbers for the simulator. The same seed gives the same plant, the same traffic and
// the same attacks, byte for byte, on every machine: tests and benchmarks depend on it. Never Math.random.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Exponentially distributed gap with the given mean (Poisson arrivals). */
  exponential(mean: number): number;
  hex(length: number): string;
  uuid(): string;
  /** A Zeek connection uid: "C" plus 17 base62 characters. */
  zeekUid(): string;
  /** An independent stream derived from this one and a label (stable whatever else is drawn). */
  fork(label: string): Random;
}

/** FNV-1a over the string: turns any seed text into 32 bits. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** sfc32 (Small Fast Counter): 128-bit state, passes PractRand, fast in JS. */
export function createRandom(seed: string | number): Random {
  const text = String(seed);
  let a = hashSeed(text);
  let b = hashSeed(`${text}/b`);
  let c = hashSeed(`${text}/c`);
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (probability) => next() < probability,
    exponential: (mean) => -Math.log(1 - next()) * mean,
    hex: (length) => {
      let out = "";
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    uuid: () => {
      const h = random.hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    zeekUid: () => {
      let out = "C";
      for (let i = 0; i < 17; i++) out += base62[Math.floor(next() * 62)];
      return out;
    },
    fork: (label) => createRandom(`${text}/${label}`),
  };
  return random;
}
