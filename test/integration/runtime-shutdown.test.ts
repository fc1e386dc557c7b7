import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { EventPublisher } from '../../src/runtime/index.js';
import { brokers } from '../support/kafka.js';
import { createTopics, testKafka, uniqueName } from '../runtime/support/broker-kit.js';
import { featureDeleted, featuresFixture } from '../runtime/support/fixture-descriptors.js';
import { LogCapture } from '../runtime/support/log-capture.js';

type Line = Record<string, unknown> & { msg?: string };

/** A service process with its stdout read as log lines. */
class ServiceProcess {
  readonly lines: Line[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly #listeners = new Set<(line: Line) => void>();

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath,
      ['--import', 'tsx', 'test/runtime/support/worker-process.ts'],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (text) => {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        line = { msg: text };
      }
      this.lines.push(line);
      for (const listener of this.#listeners) listener(line);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => this.lines.push({ msg: chunk.toString() }));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  waitFor(predicate: (lines: Line[]) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    if (predicate(this.lines)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#listeners.delete(listen);
        reject(new Error(`timed out waiting for ${what}; last lines: ` +
          JSON.stringify(this.lines.slice(-5))));
      }, timeoutMs);
      const listen = () => {
        if (!predicate(this.lines)) return;
        clearTimeout(timer);
        this.#listeners.delete(listen);
        resolve();
      };
      this.#listeners.add(listen);
    });
  }

  finishedIds(): string[] {
    return this.lines.filter((line) => line.msg === 'finished').map((line) =>
      line['handled_id'] as string);
  }
}

const kafka = testKafka();
const publisher = new EventPublisher({ kafka, logger: new LogCapture('info').logger });
const children: ServiceProcess[] = [];

beforeAll(() => publisher.connect());
afterAll(() => publisher.disconnect());
afterEach(() => {
  for (const child of children.splice(0)) child.child.kill('SIGKILL');
});

describe('a worker process stopped by SIGTERM', () => {
  it('finishes, commits and exits 0; started again it handles the rest, nothing twice',
    async () => {
      const topic = uniqueName('features');
      const group = uniqueName('group');
      await createTopics(kafka, [topic], 2);
      const { send } = featuresFixture(topic, group);
      const total = 300;
      await publisher.publishBatch(send, Array.from({ length: total }, (_, index) => ({
        message: featureDeleted, data: { feature_id: `f-${index % 10}` } })));
      const env = { KAFKA_BROKERS: brokers().join(','), TOPIC: topic, GROUP: group,
        HANDLER_DELAY_MS: '10' };

      const first = new ServiceProcess(env);
      children.push(first);
      await first.waitFor((lines) => lines.filter((line) => line.msg === 'finished').length >= 40,
        'the first process to handle 40 events');
      first.child.kill('SIGTERM');
      // A second signal at once, as npm and the shell both forward one: it counts once.
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.lines.map((line) => line.msg)).toContain('shut down cleanly');
      const before = first.finishedIds();
      expect(before.length).toBeLessThan(total);

      const second = new ServiceProcess(env);
      children.push(second);
      await second.waitFor(
        () => new Set([...before, ...second.finishedIds()]).size === total,
        'both processes together to handle every event');
      const after = second.finishedIds();

      expect(after.filter((id) => before.includes(id))).toEqual([]);
      expect(new Set(after).size).toBe(after.length);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 120_000);
});
