// Resolves the stack's Java artifacts from Maven Central with Maven (checksums enforced with -C), into the
// cache directory, once. A `.complete` marker per artifact set makes every later `stack up` skip Maven.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pomFile, type StackLayout, versions } from "./paths.ts";
import type { Progress } from "./progress.ts";

function runMaven(layout: StackLayout, args: string[], progress: Progress): Promise<void> {
  const mavenArgs = ["-B", "-C", "-f", pomFile, `-Dmaven.repo.local=${path.join(layout.cacheDir, "m2")}`, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn("mvn", mavenArgs, { stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    let downloaded = 0;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) {
        const done = line.match(/Downloaded from \S+: \S+\/([^/\s]+) \(([^)]*)\)/);
        if (done) {
          downloaded += 1;
          const size = (done[2] ?? "").split(" at ")[0] ?? "";
          // Maven's own plugins are hundreds of small files: name only the big ones, count the rest.
          if (/\bMB\b/.test(size) || downloaded % 100 === 0) {
            progress(`maven: ${downloaded} files so far, latest ${done[1]} (${size})`);
          }
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => reject(new Error(`cannot run mvn (is Maven installed?): ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`mvn ${args.join(" ")} failed with exit ${code}:\n${tail}`));
    });
  });
}

function unzip(zip: string, into: string): void {
  const viaUnzip = spawnSync("unzip", ["-q", "-o", zip, "-d", into], { stdio: "inherit" });
  if (viaUnzip.status === 0) return;
  // No unzip on the machine: the JDK's jar tool extracts too, but drops the executable bits (restored below).
  const viaJar = spawnSync("jar", ["xf", zip], { cwd: into, stdio: "inherit" });
  if (viaJar.status !== 0) throw new Error(`cannot extract ${zip}: neither unzip nor jar worked`);
}

/** Kafka broker + tools jars on a flat classpath directory. */
export async function ensureKafkaJars(layout: StackLayout, progress: Progress): Promise<void> {
  const marker = path.join(layout.kafkaLibDir, ".complete");
  if (existsSync(marker)) return;
  progress(`resolving Apache Kafka ${versions.kafka} from Maven Central (first run only, ~55 MB)`);
  rmSync(layout.kafkaLibDir, { recursive: true, force: true });
  await runMaven(
    layout,
    [
      "dependency:copy-dependencies",
      `-DoutputDirectory=${layout.kafkaLibDir}`,
      "-DincludeScope=runtime",
      "-DexcludeTypes=zip",
    ],
    progress,
  );
  writeFileSync(marker, `${versions.kafka}\n`);
}

/** The Elasticsearch integ-test zip, extracted into esHome. */
export async function ensureElasticsearch(layout: StackLayout, progress: Progress): Promise<void> {
  const marker = path.join(layout.esHome, ".complete");
  if (existsSync(marker)) return;
  progress(
    `resolving Elasticsearch ${versions.elasticsearch} (integ-test zip) from Maven Central (first run only, ~107 MB)`,
  );
  await runMaven(
    layout,
    ["dependency:copy-dependencies", `-DoutputDirectory=${layout.esZipDir}`, "-DincludeTypes=zip"],
    progress,
  );
  const zip = path.join(layout.esZipDir, `elasticsearch-${versions.elasticsearch}.zip`);
  if (!existsSync(zip)) throw new Error(`Maven finished but ${zip} is missing`);
  progress(`extracting ${path.basename(zip)}`);
  rmSync(layout.esHome, { recursive: true, force: true });
  mkdirSync(layout.cacheDir, { recursive: true });
  unzip(zip, layout.cacheDir);
  for (const file of readdirSync(path.join(layout.esHome, "bin")))
    chmodSync(path.join(layout.esHome, "bin", file), 0o755);
  writeFileSync(marker, `${versions.elasticsearch}\n`);
}
