import path from 'node:path';

/**
 * The path of a file as users see it and preambles name it: POSIX, relative to the
 * working folder even when outside it, so that it is the same on every machine.
 */
export function displayPathOf(absolutePath: string, baseDir: string): string {
  return path.relative(baseDir, absolutePath).split(path.sep).join('/');
}
