// Preflight: can we reach the configured Kafka brokers and Elasticsearch? Used before long work (the demo,
// `gapwatch run`) so that a wrong address fails in seconds with a message naming it, instead of a client
// library retrying for minutes.
import { tcpOpen } from "./health.ts";

export interface Endpoints {
  kafkaBrokers: string[];
  esUrl?: string;
}

export class UnreachableError extends Error {
  readonly code = "unreachable";
}

function hostPort(broker: string): { host: string; port: number } {
  const index = broker.lastIndexOf(":");
  const port = Number(broker.slice(index + 1));
  if (index <= 0 || !Number.isInteger(port)) throw new UnreachableError(`broker address "${broker}" is not host:port`);
  return { host: broker.slice(0, index).replace(/^\[|\]$/g, ""), port };
}

/** Resolves when every endpoint answers within `timeoutMs`; rejects with one error listing all that did not. */
export async function checkEndpoints(endpoints: Endpoints, timeoutMs = 5000): Promise<void> {
  const problems: string[] = [];
  const brokerChecks = endpoints.kafkaBrokers.map(async (broker) => {
    const { host, port } = hostPort(broker);
    if (!(await tcpOpen(host, port, timeoutMs))) problems.push(`Kafka broker ${broker} did not accept a connection`);
  });
  const esCheck = (async () => {
    if (!endpoints.esUrl) return;
    try {
      const response = await fetch(new URL("/_cluster/health", endpoints.esUrl), {
        signal: AbortSignal.timeout(timeoutMs),
      });
      // 401 means it is there and wants credentials: reachability is what we check here.
      if (!response.ok && response.status !== 401)
        problems.push(`Elasticsearch ${endpoints.esUrl} answered HTTP ${response.status}`);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      problems.push(`Elasticsearch ${endpoints.esUrl} unreachable (${cause})`);
    }
  })();
  await Promise.all([...brokerChecks, esCheck]);
  if (problems.length > 0) {
    throw new UnreachableError(
      `${problems.join("; ")}. Start the local stack with \`npx gapwatch stack up\` or fix GAPWATCH_KAFKA_BROKERS / GAPWATCH_ES_URL.`,
    );
  }
}
