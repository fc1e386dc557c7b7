/**
 * Watches what a codegen run read, for `codegen --watch`. Folders are watched, never files:
 * an editor that saves by writing a new file and renaming it over the old one leaves a
 * file watcher on a file that no longer exists, and Node 20's recursive folder watcher on
 * Linux loses such files too. One plain watcher per folder sees both kinds of save.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WatchedInputs {
  /** Watch these folders from now on, and no others. */
  update(folders: ReadonlySet<string>): void;
  close(): void;
}

/**
 * The folders whose changes can change the output: each spec folder with every folder
 * inside it (where new documents may appear), the folder of each spec file, and the
 * folder of every file the last run read (referenced files may live anywhere). The
 * output folder and what is inside it are left out, since the run writes there.
 */
export async function foldersToWatch(
  specPaths: readonly string[],
  inputFiles: readonly string[],
  outDir: string,
): Promise<Set<string>> {
  const folders = new Set<string>();
  for (const specPath of specPaths) {
    const absolute = path.resolve(specPath);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      folders.add(absolute);
      const entries = await readdir(absolute, { withFileTypes: true, recursive: true }).catch(() => []);
      for (const entry of entries) {
        const folder = path.join(entry.parentPath, entry.name);
        const hidden = folder.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules');
        if (entry.isDirectory() && !hidden) folders.add(folder);
      }
    } else {
      folders.add(path.dirname(absolute));
    }
  }
  for (const file of inputFiles) folders.add(path.dirname(file));
  const out = path.resolve(outDir);
  return new Set([...folders].filter((folder) => folder !== out && !folder.startsWith(`${out}${path.sep}`)));
}

/** Calls `onChange` on every change in the watched folders. */
export function watchInputs(onChange: () => void): WatchedInputs {
  const watchers = new Map<string, FSWatcher>();
  return {
    update(folders) {
      for (const [folder, watcher] of watchers) {
        if (folders.has(folder)) continue;
        watcher.close();
        watchers.delete(folder);
      }
      for (const folder of folders) {
        if (watchers.has(folder)) continue;
        try {
          const watcher = watch(folder, () => onChange());
          // A folder that is removed while watched ends its watcher; the next run's list decides.
          watcher.on('error', () => {
            watcher.close();
            watchers.delete(folder);
          });
          watchers.set(folder, watcher);
        } catch {
          // Gone since it was listed: the next run's list decides again.
        }
      }
    },
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
