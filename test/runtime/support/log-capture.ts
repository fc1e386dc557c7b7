import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';

import pino from 'pino';

export type LogLine = Record<string, unknown> & { msg?: string; level: number };

/**
 * A real pino logger whose lines are kept in memory, so that tests can wait on what the
 * runtime says (`worker ready`, `offsets committed`) instead of sleeping.
 */
export class LogCapture {
  readonly lines: LogLine[] = [];
  readonly logger: pino.Logger;
  readonly #events = new EventEmitter();

  constructor(level: pino.Level = 'debug') {
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        for (const text of chunk.toString().split('\n')) {
          if (text.trim() === '') continue;
          const line = JSON.parse(text) as LogLine;
          this.lines.push(line);
          this.#events.emit('line', line);
        }
        callback();
      },
    });
    this.logger = pino({ level }, stream);
    this.#events.setMaxListeners(100);
  }

  find(predicate: (line: LogLine) => boolean): LogLine[] {
    return this.lines.filter(predicate);
  }

  withMessage(msg: string): LogLine[] {
    return this.find((line) => line.msg === msg);
  }

  /** Resolves with the first line (already logged or to come) that matches. */
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs = 20_000, what = 'a log line'):
  Promise<LogLine> {
    const seen = this.lines.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#events.off('line', listen);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const listen = (line: LogLine) => {
        if (!predicate(line)) return;
        clearTimeout(timer);
        this.#events.off('line', listen);
        resolve(line);
      };
      this.#events.on('line', listen);
    });
  }

  waitForMessage(msg: string, timeoutMs?: number): Promise<LogLine> {
    return this.waitFor((line) => line.msg === msg, timeoutMs, `"${msg}"`);
  }

  /** Resolves once `count` lines match, counting those already logged. */
  async waitForCount(predicate: (line: LogLine) => boolean, count: number, timeoutMs = 30_000,
    what = 'log lines'): Promise<LogLine[]> {
    let matched = this.lines.filter(predicate).length;
    if (matched >= count) return this.lines.filter(predicate);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#events.off('line', listen);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} ${what}, ` +
          `saw ${matched}`));
      }, timeoutMs);
      const listen = (line: LogLine) => {
        if (!predicate(line)) return;
        matched += 1;
        if (matched < count) return;
        clearTimeout(timer);
        this.#events.off('line', listen);
        resolve();
      };
      this.#events.on('line', listen);
    });
    return this.lines.filter(predicate);
  }
}
