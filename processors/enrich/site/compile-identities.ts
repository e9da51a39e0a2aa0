// Identities of a validated document: accounts normalised to join keys (identity/names.ts) so the same person
// is found from `CORP\alice`, `alice@corp.example` or `OT\alice.adm`; an account claimed by two identities is
// an error, a bare user name shared by two identities is simply not usable on its own.
import { accountKey, parseAccount } from "../identity/names.ts";
import type { IssueSink } from "./issues.ts";
import type { Identity, Zone } from "./model.ts";
import type { SiteModelDocument } from "./schema.ts";

export function compileIdentities(doc: SiteModelDocument, zones: ReadonlyMap<string, Zone>, sink: IssueSink) {
  const dnsDomainOf = new Map<string, string>();
  for (const d of doc.domains ?? []) dnsDomainOf.set(d.netbios.toLowerCase(), d.dns.toLowerCase());
  const identities = new Map<string, Identity>();
  const identityByAccount = new Map<string, Identity>();
  const byUser = new Map<string, Set<Identity>>();
  doc.identities?.forEach((input, i) => {
    if (identities.has(input.id)) {
      sink.error(["identities", i, "id"], "duplicate_id", `identity id "${input.id}" is used twice`);
      return;
    }
    const identity: Identity = { id: input.id, kind: input.kind, input };
    if (input.allowed_zones) {
      input.allowed_zones.forEach((z, k) => {
        if (!zones.has(z))
          sink.error(["identities", i, "allowed_zones", k], "unknown_zone", `zone "${z}" is not defined in zones`);
      });
      identity.allowedZones = new Set(input.allowed_zones);
    }
    identities.set(identity.id, identity);
    input.accounts?.forEach((raw, k) => {
      const account = parseAccount(raw);
      if (!account) {
        sink.error(["identities", i, "accounts", k], "bad_account", `"${raw}" is not an account name`);
        return;
      }
      const key = accountKey(account, dnsDomainOf);
      const other = identityByAccount.get(key);
      if (other && other !== identity) {
        sink.error(
          ["identities", i, "accounts", k],
          "duplicate_account",
          `${raw} already belongs to identity ${other.id}`,
        );
        return;
      }
      identityByAccount.set(key, identity);
      const set = byUser.get(account.user) ?? new Set();
      set.add(identity);
      byUser.set(account.user, set);
    });
  });
  const identityByUserName = new Map<string, Identity>();
  for (const [user, set] of byUser) if (set.size === 1) identityByUserName.set(user, [...set][0]!);
  return { identities, identityByAccount, identityByUserName, dnsDomainOf };
}
