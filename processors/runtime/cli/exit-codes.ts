// Exit codes are a contract for scripts and CI; the README's table is generated from nothing else.
export const exitCodes = {
  /** The command did its job (replay exits 0 even when some records became dead letters). */
  ok: 0,
  /** The command ran and found a problem it reports: a failing rule test, an invalid rule file. */
  failed: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** A configuration, site model or rule directory could not be loaded, or a dependency is unreachable. */
  config: 3,
} as const;
