// A bounded memo for pure string -> value functions on the hot path (function-name normalisation, log-path
// hints, sensitive column lookups). Source vocabularies are small, so a few thousand entries hold them all;
// when hostile input floods it with unique strings the cache is simply cleared (bounded memory, no eviction
// bookkeeping on the hot path).
export function memoize<T>(fn: (key: string) => T, maxEntries = 4096): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(key, value);
    return value;
  };
}
