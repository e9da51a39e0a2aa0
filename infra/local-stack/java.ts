// Finds a JDK for the stack. Kafka 4.1 and Elasticsearch 8.19 both run on Java 17+, so the machine's
// OpenJDK 17 serves; GAPWATCH_JAVA_HOME or JAVA_HOME choose another.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

export interface Jdk {
  home: string;
  major: number;
}

/** Major version of the JDK at `home` (`java -version` prints e.g. `openjdk version "17.0.15"` on stderr). */
function javaMajor(home: string): number | undefined {
  const result = spawnSync(path.join(home, "bin", "java"), ["-version"], { encoding: "utf8", timeout: 15_000 });
  const match = `${result.stderr}${result.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

export function findJdk(minimumMajor = 17): Jdk {
  const explicit = process.env.GAPWATCH_JAVA_HOME ?? process.env.JAVA_HOME;
  const candidates = explicit ? [explicit] : [];
  if (!explicit && existsSync("/usr/lib/jvm")) {
    for (const name of readdirSync("/usr/lib/jvm").sort()) candidates.push(path.join("/usr/lib/jvm", name));
  }
  const found: Jdk[] = [];
  for (const home of candidates) {
    if (!existsSync(path.join(home, "bin", "java"))) continue;
    const major = javaMajor(home);
    if (major !== undefined && major >= minimumMajor) found.push({ home, major });
  }
  // Prefer the oldest JDK that satisfies the minimum: it is the one the versions were chosen and tested for.
  found.sort((a, b) => a.major - b.major);
  const jdk = found[0];
  if (!jdk) {
    const where = explicit ? `GAPWATCH_JAVA_HOME/JAVA_HOME=${explicit}` : "/usr/lib/jvm";
    throw new Error(
      `no Java ${minimumMajor}+ found in ${where}; install OpenJDK ${minimumMajor} or set GAPWATCH_JAVA_HOME`,
    );
  }
  return jdk;
}
