// Where the local stack keeps its downloads, data, logs and pid files, and the ports it listens on.
// Everything lives under one cache directory (default ~/.cache/gapwatch) so a second `stack up` reuses
// the downloads and `stack down` can find every process it started by that path.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const stackDir = path.dirname(fileURLToPath(import.meta.url));
export const pomFile = path.join(stackDir, "pom.xml");

/** Versions come from the pom so that Maven and the scripts never disagree. */
function pomProperty(name: string): string {
  const match = readFileSync(pomFile, "utf8").match(new RegExp(`<${name}>([^<]+)</${name}>`));
  if (!match?.[1]) throw new Error(`${pomFile}: property <${name}> not found`);
  return match[1];
}

export const versions = {
  kafka: pomProperty("kafka.version"),
  elasticsearch: pomProperty("elasticsearch.version"),
};

export interface StackLayout {
  cacheDir: string;
  kafkaLibDir: string;
  esZipDir: string;
  esHome: string;
  runDir: string;
  kafkaDataDir: string;
  kafkaConfigDir: string;
  kafkaLog: string;
  kafkaPidFile: string;
  esDataDir: string;
  esLogDir: string;
  esLauncherLog: string;
  esPidFile: string;
  ports: {
    kafka: number;
    kafkaController: number;
    kafkaSecure: number;
    es: number;
    esTransport: number;
    esSecure: number;
    esSecureTransport: number;
  };
}

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}

/**
 * The cache directory: GAPWATCH_CACHE_DIR, else ~/.cache/gapwatch. As root it is /var/cache/gapwatch
 * instead, because Elasticsearch must run as an unprivileged user that cannot enter root's 0700 home.
 */
export function defaultCacheDir(): string {
  if (process.env.GAPWATCH_CACHE_DIR) return process.env.GAPWATCH_CACHE_DIR;
  if (process.getuid?.() === 0) return "/var/cache/gapwatch";
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "gapwatch");
}

export function stackLayout(): StackLayout {
  const cacheDir = defaultCacheDir();
  const runDir = path.join(cacheDir, "run");
  const esHome = path.join(cacheDir, `elasticsearch-${versions.elasticsearch}`);
  return {
    cacheDir,
    kafkaLibDir: path.join(cacheDir, `kafka-${versions.kafka}`, "libs"),
    esZipDir: path.join(cacheDir, "downloads"),
    esHome,
    runDir,
    kafkaDataDir: path.join(runDir, "kafka", "data"),
    kafkaConfigDir: path.join(runDir, "kafka", "config"),
    kafkaLog: path.join(runDir, "kafka", "kafka.log"),
    kafkaPidFile: path.join(runDir, "kafka", "kafka.pid"),
    esDataDir: path.join(runDir, "elasticsearch", "data"),
    esLogDir: path.join(runDir, "elasticsearch", "logs"),
    esLauncherLog: path.join(runDir, "elasticsearch", "launcher.log"),
    esPidFile: path.join(runDir, "elasticsearch", "elasticsearch.pid"),
    ports: {
      kafka: envPort("GAPWATCH_STACK_KAFKA_PORT", 19092),
      kafkaController: envPort("GAPWATCH_STACK_KAFKA_CONTROLLER_PORT", 19093),
      kafkaSecure: envPort("GAPWATCH_STACK_KAFKA_SECURE_PORT", 19094),
      es: envPort("GAPWATCH_STACK_ES_PORT", 19200),
      esTransport: envPort("GAPWATCH_STACK_ES_TRANSPORT_PORT", 19300),
      esSecure: envPort("GAPWATCH_STACK_ES_SECURE_PORT", 19201),
      esSecureTransport: envPort("GAPWATCH_STACK_ES_SECURE_TRANSPORT_PORT", 19301),
    },
  };
}
