// The tests' own view of Elasticsearch: fetch with the stack's CA and credentials when secured, and polling
// searches of a test's incident index.
import type { SecureEndpoints } from "../../infra/local-stack/secure.ts";
import type { RunEnv } from "./runtime-harness.ts";

export async function esFetcher(
  secure: SecureEndpoints | undefined,
  ca: string | undefined,
): Promise<(url: string, init?: RequestInit) => Promise<Response>> {
  if (!secure) return (url, init) => fetch(url, init);
  const { Agent, fetch: undiciFetch } = await import("undici");
  const dispatcher = new Agent({ connect: { ca } });
  const { username, password } = secure.credentials.elasticsearch;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  return (url, init) =>
    undiciFetch(url, {
      ...(init as object),
      dispatcher,
      headers: { ...(init?.headers as Record<string, string> | undefined), authorization },
    }) as unknown as Promise<Response>;
}

export interface EsIncident {
  _id: string;
  _source: { event?: { id?: string }; gapwatch?: { count?: number } } & Record<string, unknown>;
}

export async function searchIncidents(env: RunEnv): Promise<EsIncident[]> {
  const response = await env.esFetch(`${env.esUrl}/${env.index}*/_search?size=10000`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: { match_all: {} } }),
  });
  if (response.status === 404) return [];
  const body = (await response.json()) as { hits?: { hits: EsIncident[] } };
  return body.hits?.hits ?? [];
}

/** Polls ES (refreshing the index) until `predicate` holds or the timeout passes; returns the last hits. */
export async function waitForIncidents(
  env: RunEnv,
  predicate: (hits: EsIncident[]) => boolean,
  timeoutMs: number,
): Promise<EsIncident[]> {
  const until = Date.now() + timeoutMs;
  let hits: EsIncident[] = [];
  while (Date.now() < until) {
    await env.esFetch(`${env.esUrl}/${env.index}*/_refresh`, { method: "POST" }).catch(() => undefined);
    hits = await searchIncidents(env);
    if (predicate(hits)) return hits;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return hits;
}
