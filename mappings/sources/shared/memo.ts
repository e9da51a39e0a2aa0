// A bounded memo for pure string -> value functions on the hot path (function-name normalisation, log-path
// hints, sensitive column lookups). Source vocabularies are small, so a few thousand entries hold them all;
// when hostile input floods it with unique strings the cache is simply cleared (bounded memory, no eviction
// bookkeeping on the hot path).
export function memoize<T>(fn: (key: string) => T, maxEntries = 4096): (key: string) => T {
  const cache = new Map<string, T>();
  // Consecutive records of one log repeat the same key: a one-entry front cache skips the hash lookup.
  let lastKey: string | undefined;
  let lastValue: T;
  return (key: string) => {
    if (key === lastKey) return lastValue;
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = fn(key);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(key, value);
    }
    lastKey = key;
    lastValue = value as T;
    return value as T;
  };
}
