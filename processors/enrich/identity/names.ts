// Name normalisation for joins across IT and OT sources (data-formats.md section C): accounts arrive as
// `CORP\alice`, `alice@corp.example` or `alice` + a separate domain; host names as FQDNs in lower case (MDE),
// short upper case (FDR) or AD computer accounts with a trailing `$`; MACs with colons or dashes in either case.

export interface AccountName {
  user: string;
  domain?: string;
}

/** Splits `DOMAIN\user`, `user@domain` or `user` (+ a separate domain) into lower-case parts. */
export function parseAccount(name: string, domain?: string): AccountName | undefined {
  let user = name.trim();
  let dom = domain?.trim();
  const slash = user.indexOf("\\");
  if (slash >= 0) {
    dom = user.slice(0, slash);
    user = user.slice(slash + 1);
  } else {
    const at = user.lastIndexOf("@");
    if (at > 0) {
      dom = user.slice(at + 1);
      user = user.slice(0, at);
    }
  }
  if (user === "") return undefined;
  const account: AccountName = { user: user.toLowerCase() };
  if (dom) account.domain = dom.toLowerCase();
  return account;
}

/**
 * The join key of an account: `user@dnsdomain` when the domain is known (a NetBIOS domain is translated to its
 * DNS name through the site model's `domains`, so `CORP\alice` and `alice@corp.example` meet), else `user`.
 */
export function accountKey(account: AccountName, dnsDomainOf: ReadonlyMap<string, string>): string {
  if (account.domain === undefined) return account.user;
  return `${account.user}@${dnsDomainOf.get(account.domain) ?? account.domain}`;
}

/** Machine accounts (`EWS01$`) name a computer, never a person. */
export function isMachineAccount(account: AccountName): boolean {
  return account.user.endsWith("$");
}

/** Lower case, domain suffix and trailing `$` dropped: `EWS01$`, `ews01.ot.example` and `EWS01` all give `ews01`. */
export function normaliseHostName(name: string): string {
  let n = name.trim().toLowerCase();
  if (n.endsWith("$")) n = n.slice(0, -1);
  const dot = n.indexOf(".");
  // An IP written as a host name stays whole.
  if (dot > 0 && !/^\d+\.\d+\.\d+\.\d+$/.test(n)) n = n.slice(0, dot);
  return n;
}

/** Lower-case colon form (`00:1b:1b:aa:bb:cc`), or undefined when it is not a 48-bit MAC. */
export function normaliseMac(mac: string): string | undefined {
  const hex = mac.toLowerCase().replace(/[^0-9a-f]/g, "");
  if (hex.length !== 12) return undefined;
  return hex.match(/../g)!.join(":");
}
