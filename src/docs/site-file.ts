/** What every emitter of the site returns: a file in memory, its path POSIX and relative. */
export interface SiteFile {
  readonly path: string;
  readonly content: string;
}
