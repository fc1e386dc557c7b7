import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/**
 * What a worker process records outside itself, one line per fact, written synchronously so
 * that a SIGKILL cannot take back a line whose handler returned:
 *
 *   H <time> <partition> <offset> <key> <seq>   a handler finished
 *   C <time> <partition> <offset>               the broker acknowledged a commit
 *   J <time> <partitions>                       the member joined its group (a rebalance)
 */
export type LedgerEntry =
  | { readonly kind: 'handled'; readonly time: number; readonly partition: number;
      readonly offset: number; readonly key: string; readonly seq: number }
  | { readonly kind: 'committed'; readonly time: number; readonly partition: number;
      readonly offset: number }
  | { readonly kind: 'joined'; readonly time: number; readonly partitions: number };

export class LedgerWriter {
  readonly #fd: number;

  constructor(path: string) {
    this.#fd = openSync(path, 'a');
  }

  handled(partition: number, offset: string, key: string, seq: number): void {
    this.#write(`H ${Date.now()} ${partition} ${offset} ${key} ${seq}\n`);
  }

  committed(partition: number, offset: string): void {
    this.#write(`C ${Date.now()} ${partition} ${offset}\n`);
  }

  joined(partitions: number): void {
    this.#write(`J ${Date.now()} ${partitions}\n`);
  }

  close(): void {
    closeSync(this.#fd);
  }

  #write(line: string): void {
    writeSync(this.#fd, line);
  }
}

/** The entries of one ledger; a last line cut short by a kill is left out. */
export function readLedger(path: string): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const entry = parseLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

function parseLine(line: string): LedgerEntry | undefined {
  const [kind, time, ...rest] = line.split(' ');
  const number = (text: string | undefined) => (text === undefined ? NaN : Number(text));
  if (kind === 'H' && rest.length === 4) {
    return { kind: 'handled', time: number(time), partition: number(rest[0]),
      offset: number(rest[1]), key: rest[2] as string, seq: number(rest[3]) };
  }
  if (kind === 'C' && rest.length === 2) {
    return { kind: 'committed', time: number(time), partition: number(rest[0]),
      offset: number(rest[1]) };
  }
  if (kind === 'J' && rest.length === 1) {
    return { kind: 'joined', time: number(time), partitions: number(rest[0]) };
  }
  return undefined;
}
