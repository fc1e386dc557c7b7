/**
 * Where a version of the documents comes from: a file or folder on disk, or a git ref
 * whose files are written into a temporary folder first, so that both are parsed alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ToolError } from '../../errors.js';

export interface SpecSource {
  /** As the user named it: a path or a ref. */
  readonly label: string;
  /** The folder that display paths are relative to, so both versions show alike. */
  readonly baseDir: string;
  /**
   * What documents are matched by between versions: their path relative to this folder,
   * so that `asyncapi/` on disk and `asyncapi/` in a ref, or two folders, line up.
   */
  readonly root: string;
  /** Absolute files or folders to search; some may not exist in a ref. */
  readonly specPaths: readonly string[];
  /** The commit a ref names, or undefined for paths on disk. */
  readonly commit: string | undefined;
  dispose(): Promise<void>;
}

/**
 * A path on disk when it exists; otherwise a git ref whose copies of `specPaths` (paths
 * relative to the working folder, `asyncapi` by default) are materialised.
 */
export async function openSpecSource(
  label: string,
  specPaths: readonly string[],
  cwd = process.cwd(),
): Promise<SpecSource> {
  const absolute = path.resolve(cwd, label);
  if (existsSync(absolute)) {
    return {
      label,
      baseDir: cwd,
      root: statSync(absolute).isDirectory() ? absolute : path.dirname(absolute),
      specPaths: [path.resolve(cwd, label)],
      commit: undefined,
      dispose: async () => undefined,
    };
  }
  return materialiseRef(label, specPaths, cwd);
}

/** Files and folders on disk, read together as one version. */
export function pathsSource(specPaths: readonly string[], cwd = process.cwd()): SpecSource {
  return {
    label: specPaths.join(' '),
    baseDir: cwd,
    root: cwd,
    specPaths: specPaths.map((specPath) => path.resolve(cwd, specPath)),
    commit: undefined,
    dispose: async () => undefined,
  };
}

/** Materialises the spec paths as they are in commit `ref`. */
export async function materialiseRef(
  ref: string,
  specPaths: readonly string[],
  cwd: string,
): Promise<SpecSource> {
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (commit === undefined) {
    throw new ToolError(
      'INVALID_OPTION',
      `"${ref}" is neither a file or folder nor a git ref of the repository in ${cwd}.`,
    );
  }
  const prefix = git(['rev-parse', '--show-prefix'], cwd) ?? '';
  const root = await mkdtemp(path.join(tmpdir(), 'spec-ref-'));
  const baseDir = path.join(root, prefix);
  await mkdir(baseDir, { recursive: true });

  // Paths absent from the ref are left out: a base without documents is a valid base.
  const present = specPaths.filter(
    (specPath) => git(['cat-file', '-e', `${commit}:./${toPosix(specPath)}`], cwd) !== undefined,
  );
  if (present.length > 0) {
    const inRepository = present.map((specPath) => prefix + toPosix(specPath));
    const toplevel = git(['rev-parse', '--show-toplevel'], cwd) ?? cwd;
    const archive = spawnSync('git', ['archive', '--format=tar', commit, '--', ...inRepository], {
      cwd: toplevel,
      maxBuffer: 256 * 1024 * 1024,
    });
    const extract = spawnSync('tar', ['-x', '-C', root], { input: archive.stdout });
    if (archive.status !== 0 || extract.status !== 0) {
      await rm(root, { recursive: true, force: true });
      throw new ToolError(
        'INVALID_OPTION',
        `The files of ${present.join(', ')} at ${ref} cannot be read: ` +
          `${archive.stderr.toString().trim() || extract.stderr.toString().trim()}.`,
      );
    }
  }

  const only = present.length === 1 ? path.join(baseDir, present[0] ?? '') : undefined;
  const isFolder = only !== undefined && existsSync(only) && statSync(only).isDirectory();
  return {
    label: ref,
    baseDir,
    root: only === undefined ? baseDir : isFolder ? only : path.dirname(only),
    specPaths: present.map((specPath) => path.join(baseDir, specPath)),
    commit,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** Commits of `ref`'s history that changed any of the spec paths, newest first. */
export function historyOf(ref: string, specPaths: readonly string[], cwd: string): string[] {
  const output = git(['rev-list', ref, '--', ...specPaths.map(toPosix)], cwd);
  return output === undefined || output === '' ? [] : output.split('\n');
}

function git(args: readonly string[], cwd: string): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function toPosix(specPath: string): string {
  return specPath.split(path.sep).join('/').replace(/^\.\//, '');
}
