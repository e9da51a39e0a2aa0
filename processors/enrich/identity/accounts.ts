// Account -> site-model identity: `CORP\alice`, `alice@corp.example` and `OT\alice.adm` are one person when
// the site model lists those accounts under one identity. Exact (user, domain) first; an account seen without
// a domain (RDP cookie, HMI local login) matches a bare user name only when exactly one identity has it.
// Machine accounts (`EWS01$`) never resolve to a person.
import type { Identity, SiteModel } from "../site/model.ts";
import { accountKey, isMachineAccount, parseAccount } from "./names.ts";

export function resolveIdentity(site: SiteModel, name: string | undefined, domain?: string): Identity | undefined {
  if (!name) return undefined;
  const account = parseAccount(name, domain);
  if (!account || isMachineAccount(account)) return undefined;
  const exact = site.identityByAccount.get(accountKey(account, site.dnsDomainOf));
  if (exact) return exact;
  if (account.domain === undefined) return site.identityByUserName.get(account.user);
  // A listed bare account ("operator") is a local account: it matches whatever domain the event names.
  return site.identityByAccount.get(account.user);
}
