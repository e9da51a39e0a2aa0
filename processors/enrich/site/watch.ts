// Reloading the site model without a restart. The directory is watched, not the file: editors and config
// management replace a file by rename, which ends a watch on the old inode. Events are debounced (an editor
// writes in several steps), an unchanged text is ignored, and a new version replaces the one in force only
// when it validates completely; otherwise the error (file, line, key) is reported and the old model stays.
import { createHash } from "node:crypto";
import { type FSWatcher, realpathSync, watch } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { SiteModelError } from "./issues.ts";
import type { SiteModel } from "./model.ts";
import { parseSiteModel, parseSiteModelOrThrow } from "./parse.ts";

/** What the enrich stage reads: always a valid model, swapped atomically on a good reload. */
export interface SiteModelHolder {
  current(): SiteModel;
  replace(model: SiteModel): void;
}

export function createSiteModelHolder(initial: SiteModel): SiteModelHolder {
  let model = initial;
  return {
    current: () => model,
    replace: (next) => {
      model = next;
    },
  };
}

export interface SiteModelWatch {
  close(): void;
  /** Resolves when the reload in progress (if any) has finished; for tests and shutdown. */
  settled(): Promise<void>;
}

export interface WatchOptions {
  debounceMs?: number;
  /** The text of the version in force, so a touch without change does not reload. */
  initialText?: string;
  /** Also check the file's size/mtime/inode this often (0: off): for file systems where fs.watch is deaf (NFS). */
  pollMs?: number;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

function fileError(file: string, code: string, error: unknown): SiteModelError {
  return new SiteModelError([{ code, message: (error as Error).message, path: "(file)", file }]);
}

/**
 * Watches `file` and calls `onChange` with each new version that validates, `onError` with each one that
 * does not (once per distinct content) and when the file disappears for good. The directory of the path and,
 * for a symlink, of its target are watched, and any event there triggers a (debounced, digest-checked) look:
 * Kubernetes ConfigMaps and editors replace files through renames and symlink swaps under other names.
 */
export function watchSiteModel(
  file: string,
  onChange: (model: SiteModel) => void,
  onError: (error: SiteModelError) => void,
  options: WatchOptions = {},
): SiteModelWatch {
  const debounceMs = options.debounceMs ?? 250;
  let lastDigest = options.initialText === undefined ? undefined : digest(options.initialText);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  let missing = 0; // consecutive looks that found no file

  const reload = async (): Promise<void> => {
    if (closed) return;
    let text: string;
    try {
      text = await readFile(file, "utf8");
      missing = 0;
    } catch (error) {
      // Mid-rename the file is briefly absent: look again once before reporting it gone.
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && ++missing === 1) return schedule(debounceMs * 4 + 500);
      if (missing <= 2) onError(fileError(file, "unreadable", error));
      return;
    }
    const d = digest(text);
    if (d === lastDigest || closed) return;
    lastDigest = d; // a broken version is reported once, not on every touch
    const result = parseSiteModel(text, file);
    if (result.ok) onChange(result.model);
    else onError(new SiteModelError(result.issues));
  };

  function schedule(delay = debounceMs): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(reload, reload);
    }, delay);
  }

  const dirs = new Set([path.dirname(path.resolve(file))]);
  try {
    dirs.add(path.dirname(realpathSync(file)));
  } catch {
    // not there yet or not a symlink: its directory is enough
  }
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { persistent: false }, () => schedule());
      watcher.on("error", (error) => onError(fileError(file, "watch_failed", error)));
      watchers.push(watcher);
    } catch (error) {
      for (const w of watchers) w.close();
      throw fileError(file, "unwatchable", error);
    }
  }
  let poll: NodeJS.Timeout | undefined;
  if (options.pollMs) {
    let last = "";
    poll = setInterval(() => {
      stat(file).then(
        (s) => {
          const sig = `${s.size}:${s.mtimeMs}:${s.ino}`;
          if (last !== "" && sig !== last) schedule();
          last = sig;
        },
        () => schedule(),
      );
    }, options.pollMs);
    poll.unref();
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      for (const w of watchers) w.close();
    },
    settled: async () => {
      while (timer !== undefined) await new Promise((r) => setTimeout(r, debounceMs));
      await running;
    },
  };
}

/** Loads the model (throws SiteModelError when invalid) and keeps `holder.current()` up to date. */
export async function loadAndWatchSiteModel(
  file: string,
  hooks: {
    onReload?: (model: SiteModel) => void;
    onError?: (error: SiteModelError) => void;
    debounceMs?: number;
    pollMs?: number;
  } = {},
): Promise<{ holder: SiteModelHolder; watch: SiteModelWatch }> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw fileError(file, "unreadable", error);
  });
  // The digest and the model come from the same read, so a change between two reads cannot be missed.
  const holder = createSiteModelHolder(parseSiteModelOrThrow(text, file));
  const options: WatchOptions = { initialText: text };
  if (hooks.debounceMs !== undefined) options.debounceMs = hooks.debounceMs;
  if (hooks.pollMs !== undefined) options.pollMs = hooks.pollMs;
  const watch = watchSiteModel(
    file,
    (model) => {
      holder.replace(model);
      hooks.onReload?.(model);
    },
    (error) => hooks.onError?.(error),
    options,
  );
  return { holder, watch };
}
