import { deadLetterHeaders } from '../../src/runtime/index.js';
import { expectedReason, type PlannedEvent } from './fault-events.js';
import type { LedgerEntry } from './ledger.js';
import type { ReadRecord } from './topic-io.js';

/** Something the harness did, or a join a worker reported: a moment redelivery may follow. */
export interface Fault {
  readonly time: number;
  readonly what: string;
}

export interface RunRecords {
  readonly topic: string;
  readonly group: string;
  /** The source topic's records, each with its planned event. */
  readonly source: ReadonlyArray<{ readonly record: ReadRecord; readonly event: PlannedEvent }>;
  readonly ledgers: ReadonlyArray<{ readonly name: string; readonly entries: LedgerEntry[] }>;
  readonly deadLetters: readonly ReadRecord[];
  readonly faults: readonly Fault[];
}

export interface FaultWindow {
  readonly fault: Fault;
  /** Offsets handled but not yet committed at that moment, over all partitions. */
  readonly uncommitted: number;
  readonly duplicates: number;
}

export interface Verdict {
  readonly produced: number;
  readonly handled: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly lost: number;
  readonly windows: readonly FaultWindow[];
  readonly failures: readonly string[];
}

interface Handling {
  readonly time: number;
  readonly seq: number;
  readonly key: string;
  readonly worker: string;
}

/** The ledger checks of RELIABILITY.md, from what the run left behind. */
export function checkRun(records: RunRecords): Verdict {
  const failures: string[] = [];
  const handlings = collectHandlings(records);
  const commits = collectCommits(records);
  const faults = collectFaults(records);

  // Lost: a valid event that no handler finished. Handled: a poison event must never be.
  let lost = 0;
  let handled = 0;
  for (const { record, event } of records.source) {
    const seen = handlings.get(place(record.partition, record.offset));
    if (event.kind === 'valid') {
      if (seen) handled += 1;
      else lost += 1;
    } else if (seen) {
      failures.push(`the ${event.kind} event ${describe(event)} was handled`);
    }
  }
  if (lost > 0) failures.push(`${lost} valid event(s) were never handled`);

  checkKeyOrder(records, handlings, failures);
  const deadLettered = checkDeadLetters(records, failures);
  const { windows, duplicates } = explainDuplicates(handlings, commits, faults, failures);
  return { produced: records.source.length, handled, duplicates, deadLettered, lost, windows,
    failures };
}

function place(partition: number, offset: number): string {
  return `${partition}:${offset}`;
}

function describe(event: PlannedEvent): string {
  return `${event.key}#${event.seq} (index ${event.index})`;
}

function collectHandlings(records: RunRecords): Map<string, Handling[]> {
  const handlings = new Map<string, Handling[]>();
  for (const { name, entries } of records.ledgers) {
    for (const entry of entries) {
      if (entry.kind !== 'handled') continue;
      const id = place(entry.partition, entry.offset);
      const list = handlings.get(id) ?? [];
      list.push({ time: entry.time, seq: entry.seq, key: entry.key, worker: name });
      handlings.set(id, list);
    }
  }
  for (const list of handlings.values()) list.sort((a, b) => a.time - b.time);
  return handlings;
}

/** Acknowledged commits per partition, in time order. */
function collectCommits(records: RunRecords):
Map<number, Array<{ time: number; offset: number }>> {
  const commits = new Map<number, Array<{ time: number; offset: number }>>();
  for (const { entries } of records.ledgers) {
    for (const entry of entries) {
      if (entry.kind !== 'committed') continue;
      const list = commits.get(entry.partition) ?? [];
      list.push({ time: entry.time, offset: entry.offset });
      commits.set(entry.partition, list);
    }
  }
  for (const list of commits.values()) list.sort((a, b) => a.time - b.time);
  return commits;
}

function collectFaults(records: RunRecords): Fault[] {
  const joins = records.ledgers.flatMap(({ name, entries }) => entries
    .filter((entry) => entry.kind === 'joined')
    .map((entry) => ({ time: entry.time, what: `${name} joined its group (rebalance)` })));
  return [...records.faults, ...joins].sort((a, b) => a.time - b.time);
}

/** Per key, the first handling of each sequence number comes after that of the one before. */
function checkKeyOrder(records: RunRecords, handlings: Map<string, Handling[]>,
  failures: string[]): void {
  const firsts = new Map<string, Array<{ seq: number; time: number }>>();
  for (const { record, event } of records.source) {
    const first = handlings.get(place(record.partition, record.offset))?.[0];
    if (!first) continue;
    if (first.key !== event.key || first.seq !== event.seq) {
      failures.push(`offset ${place(record.partition, record.offset)} was handled as ` +
        `${first.key}#${first.seq} but holds ${describe(event)}`);
    }
    const list = firsts.get(event.key) ?? [];
    list.push({ seq: event.seq, time: first.time });
    firsts.set(event.key, list);
  }
  let outOfOrder = 0;
  for (const [key, list] of firsts) {
    list.sort((a, b) => a.seq - b.seq);
    for (let index = 1; index < list.length; index += 1) {
      const before = list[index - 1] as { seq: number; time: number };
      const after = list[index] as { seq: number; time: number };
      if (after.time < before.time) {
        outOfOrder += 1;
        if (outOfOrder <= 5) {
          failures.push(`${key}#${after.seq} was first handled before ${key}#${before.seq}`);
        }
      }
    }
  }
  if (outOfOrder > 5) failures.push(`${outOfOrder} first handlings were out of key order`);
}

/** Every poison event in the dead-letter topic once, by source place, with its headers. */
function checkDeadLetters(records: RunRecords, failures: string[]): number {
  const bySource = new Map<string, ReadRecord[]>();
  for (const letter of records.deadLetters) {
    const headers = letter.headers;
    const id = `${headers[deadLetterHeaders.sourceTopic]}|` +
      `${headers[deadLetterHeaders.sourcePartition]}|${headers[deadLetterHeaders.sourceOffset]}`;
    bySource.set(id, [...(bySource.get(id) ?? []), letter]);
  }

  let found = 0;
  const expected = new Set<string>();
  for (const { record, event } of records.source) {
    if (event.kind === 'valid') continue;
    const id = `${records.topic}|${record.partition}|${record.offset}`;
    expected.add(id);
    const letters = bySource.get(id);
    if (!letters) {
      failures.push(`the ${event.kind} event ${describe(event)} is not in the dead-letter topic`);
      continue;
    }
    found += 1;
    // Copies can only come from a write acknowledged just before a kill; they must agree.
    for (const letter of letters) {
      const problem = letterProblem(letter, record, event, records.group);
      if (problem) failures.push(`the dead letter of ${describe(event)} ${problem}`);
    }
  }
  for (const id of bySource.keys()) {
    if (!expected.has(id)) failures.push(`the dead-letter topic holds ${id}, a valid event`);
  }
  return found;
}

function letterProblem(letter: ReadRecord, source: ReadRecord, event: PlannedEvent,
  group: string): string | undefined {
  const headers = letter.headers;
  const attempts = event.kind === 'failing' ? undefined : '0';
  const checks: Array<[string, boolean]> = [
    ['keeps the value', letter.value?.equals(source.value ?? Buffer.alloc(0)) === true],
    ['keeps the key', letter.key?.equals(source.key ?? Buffer.alloc(0)) === true],
    ['keeps the original headers', headers['fault.index'] === String(event.index)],
    ['names the group', headers[deadLetterHeaders.consumerGroup] === group],
    [`gives the reason ${expectedReason(event)}`,
      headers[deadLetterHeaders.reason] === expectedReason(event)],
    ['counts the attempts', attempts === undefined
      ? Number(headers[deadLetterHeaders.attempts]) >= 1
      : headers[deadLetterHeaders.attempts] === attempts],
    ['names the error', Boolean(headers[deadLetterHeaders.errorName]) &&
      Boolean(headers[deadLetterHeaders.errorMessage])],
    ['dates the failures', isTimestamp(headers[deadLetterHeaders.firstFailure]) &&
      isTimestamp(headers[deadLetterHeaders.lastFailure])],
  ];
  const broken = checks.filter(([, holds]) => !holds).map(([what]) => what);
  return broken.length === 0 ? undefined : `does not: ${broken.join(', ')}`;
}

function isTimestamp(text: string | undefined): boolean {
  return text !== undefined && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(text);
}

/**
 * Each handling after the first must follow a fault that came after the one before it, at
 * an offset that was not yet committed then; and no fault may be followed by more
 * redeliveries than it left uncommitted.
 */
function explainDuplicates(
  handlings: Map<string, Handling[]>,
  commits: Map<number, Array<{ time: number; offset: number }>>,
  faults: readonly Fault[],
  failures: string[],
): { windows: FaultWindow[]; duplicates: number } {
  const committedAt = (partition: number, time: number) => {
    let offset = 0;
    for (const commit of commits.get(partition) ?? []) {
      if (commit.time > time) break;
      offset = Math.max(offset, commit.offset);
    }
    return offset;
  };
  const counts = new Map<Fault, number>();
  let duplicates = 0;
  let unexplained = 0;

  for (const [id, list] of handlings) {
    const [partition, offset] = id.split(':').map(Number) as [number, number];
    for (let index = 1; index < list.length; index += 1) {
      duplicates += 1;
      const before = (list[index - 1] as Handling).time;
      const now = (list[index] as Handling).time;
      const cause = [...faults].reverse().find((fault) => fault.time >= before &&
        fault.time <= now && offset >= committedAt(partition, fault.time));
      if (cause) {
        counts.set(cause, (counts.get(cause) ?? 0) + 1);
      } else {
        unexplained += 1;
        if (unexplained <= 5) {
          failures.push(`offset ${id} was handled again by ${(list[index] as Handling).worker} ` +
            'with no kill, broker restart or rebalance in between that left it uncommitted');
        }
      }
    }
  }
  if (unexplained > 5) failures.push(`${unexplained} duplicates in all have no explanation`);

  const windows = faults.map((fault) => {
    const uncommitted = uncommittedAt(handlings, fault.time, committedAt);
    const count = counts.get(fault) ?? 0;
    if (count > uncommitted) {
      failures.push(`${count} redeliveries followed "${fault.what}", more than the ` +
        `${uncommitted} offsets it left uncommitted`);
    }
    return { fault, uncommitted, duplicates: count };
  });
  return { windows, duplicates };
}

function uncommittedAt(handlings: Map<string, Handling[]>, time: number,
  committedAt: (partition: number, time: number) => number): number {
  const highest = new Map<number, number>();
  for (const [id, list] of handlings) {
    if ((list[0] as Handling).time > time) continue;
    const [partition, offset] = id.split(':').map(Number) as [number, number];
    highest.set(partition, Math.max(highest.get(partition) ?? -1, offset));
  }
  let total = 0;
  for (const [partition, offset] of highest) {
    total += Math.max(0, offset + 1 - committedAt(partition, time));
  }
  return total;
}
