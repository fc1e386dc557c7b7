import { constants } from 'node:os';
import type pino from 'pino';

import { asError } from './runtime-error.js';

/**
 * Graceful shutdown on SIGTERM and SIGINT. npm and the shell both forward a Ctrl-C, so a
 * second signal within the repeat window is the same request; a signal after it means
 * "now", and the process exits at once. Past the deadline the process exits non-zero.
 */
export interface ShutdownOptions {
  readonly logger: pino.Logger;
  readonly deadlineMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  readonly repeatWindowMs?: number;
  /** process.exit by default; tests pass their own. */
  readonly exit?: (code: number) => void;
  /** Where signals come from; the process by default. */
  readonly signalSource?: SignalSource;
}

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface ShutdownHandle {
  /** Shuts down as a signal would, for a fatal error or the end of a job. */
  shutdown(reason: string): void;
  /** The same request, once it settled: resolves when stop() has. */
  readonly done: Promise<void>;
  /** Stops listening for signals, without shutting down. */
  dispose(): void;
}

export function onShutdown(stop: () => Promise<void>, options: ShutdownOptions): ShutdownHandle {
  const logger = options.logger.child({ component: 'shutdown' });
  const deadlineMs = options.deadlineMs ?? 30_000;
  const repeatWindowMs = options.repeatWindowMs ?? 2000;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source: SignalSource = options.signalSource ?? process;

  let startedAt: number | undefined;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));

  const begin = (reason: string) => {
    startedAt = Date.now();
    logger.info({ reason, deadline_ms: deadlineMs }, 'shutting down');

    const deadline = setTimeout(() => {
      logger.error({ deadline_ms: deadlineMs }, 'shutdown did not finish before its deadline; exiting');
      exit(1);
    }, deadlineMs);
    deadline.unref();

    stop().then(
      () => {
        clearTimeout(deadline);
        logger.info({ duration_ms: Date.now() - (startedAt ?? 0) }, 'shut down cleanly');
        settle();
        exit(0);
      },
      (thrown: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: asError(thrown) }, 'shutdown failed');
        settle();
        exit(1);
      },
    );
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt === undefined) return begin(signal);
    if (Date.now() - startedAt < repeatWindowMs) {
      logger.debug({ signal }, 'repeated signal ignored: shutdown is under way');
      return;
    }
    logger.warn({ signal }, 'signal during shutdown: exiting at once');
    exit(128 + (constants.signals[signal] ?? 0));
  };

  for (const signal of signals) source.on(signal, onSignal);

  return {
    shutdown(reason) {
      if (startedAt === undefined) begin(reason);
    },
    done,
    dispose() {
      for (const signal of signals) source.off(signal, onSignal);
    },
  };
}
