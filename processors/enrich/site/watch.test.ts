// Reload without restart, through the real file system in a temp dir: a broken edit is reported with its
// location and the model in force stays; a good edit (also by rename, as editors save) replaces it.
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { plantFile } from "../fixtures/plant.ts";
import type { SiteModelError } from "./issues.ts";
import type { SiteModel } from "./model.ts";
import { loadAndWatchSiteModel, type SiteModelWatch, watchSiteModel } from "./watch.ts";

/** Polls until `check` holds; file-system events have no delivery deadline, so no fixed sleeps. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let watch: SiteModelWatch | undefined;
let dir: string | undefined;
afterEach(async () => {
  watch?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("watchSiteModel", () => {
  it("rejects a broken edit with its location, keeps the old model, then takes a good edit", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gapwatch-watch-"));
    const file = path.join(dir, "site.yaml");
    await copyFile(plantFile, file);
    const original = await readFile(file, "utf8");
    const errors: SiteModelError[] = [];
    const reloads: SiteModel[] = [];
    const started = await loadAndWatchSiteModel(file, {
      debounceMs: 20,
      onError: (e) => errors.push(e),
      onReload: (m) => reloads.push(m),
    });
    watch = started.watch;
    const first = started.holder.current();
    expect(first.assets.has("plc101")).toBe(true);

    // A typo in a key: rejected, located, the model in force is unchanged.
    await writeFile(
      file,
      original.replace("allowed_src_assets: [scada01, hmi01]", "allowed_src_asset: [scada01, hmi01]"),
    );
    await until(() => errors.length > 0, "the error report");
    expect(errors[0]!.issues[0]).toMatchObject({
      file,
      path: `conduits[${first.conduits.findIndex((c) => c.id === "c-hmi-poll")}].allowed_src_asset`,
      code: "unknown_key",
    });
    expect(errors[0]!.issues[0]!.line).toBe(
      original.split("\n").findIndex((l) => l.includes("allowed_src_assets: [scada01, hmi01]")) + 1,
    );
    expect(started.holder.current()).toBe(first);

    // A good edit, saved the way editors do (write a temp file, rename over): a new asset appears.
    const temp = path.join(dir, ".site.yaml.tmp");
    await writeFile(
      temp,
      original.replace(
        "  # Safety\n",
        '  - { id: plc104, name: PLC-104, zone: z-l1-control, role: plc, ips: ["10.60.0.14"] }\n  # Safety\n',
      ),
    );
    await rename(temp, file);
    await until(() => reloads.length > 0, "the reload");
    expect(started.holder.current()).not.toBe(first);
    expect(started.holder.current().assets.has("plc104")).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it("follows a Kubernetes-style ConfigMap update (the ..data symlink swapped to a new directory)", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gapwatch-watch-"));
    const original = await readFile(plantFile, "utf8");
    await mkdir(path.join(dir, "v1"));
    await writeFile(path.join(dir, "v1", "site.yaml"), original);
    await symlink("v1", path.join(dir, "..data"));
    await symlink(path.join("..data", "site.yaml"), path.join(dir, "site.yaml"));
    const reloads: SiteModel[] = [];
    const started = await loadAndWatchSiteModel(path.join(dir, "site.yaml"), {
      debounceMs: 20,
      onReload: (m) => reloads.push(m),
    });
    watch = started.watch;
    await mkdir(path.join(dir, "v2"));
    await writeFile(
      path.join(dir, "v2", "site.yaml"),
      original.replace("name: North Water Treatment & CHP", "name: North Plant v2"),
    );
    await symlink("v2", path.join(dir, "..data_tmp"));
    await rename(path.join(dir, "..data_tmp"), path.join(dir, "..data"));
    await until(() => reloads.length > 0, "the reload after the symlink swap");
    expect(started.holder.current().site.name).toBe("North Plant v2");
  });

  it("reports a site file that is deleted and stays deleted", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gapwatch-watch-"));
    const file = path.join(dir, "site.yaml");
    await copyFile(plantFile, file);
    const errors: SiteModelError[] = [];
    watch = watchSiteModel(
      file,
      () => {},
      (e) => errors.push(e),
      { debounceMs: 20, initialText: await readFile(file, "utf8") },
    );
    await unlink(file);
    await until(() => errors.length > 0, "the missing-file report");
    expect(errors[0]!.issues[0]).toMatchObject({ code: "unreadable", file });
    expect(errors[0]!.message).toMatch(/ENOENT/);
  });
});
