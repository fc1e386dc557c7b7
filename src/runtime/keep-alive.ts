/**
 * kafkajs heartbeats only between messages. A handler or a dead-letter write that takes
 * longer than the session timeout would get the member evicted; this keeps heartbeating
 * while the work runs.
 */
export async function keepAlive<T>(
  heartbeat: () => Promise<void>,
  intervalMs: number,
  work: () => T | Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    // A rebalance shows up here too; kafkajs commits what is marked, and the heartbeat
    // after this work ends raises it again, at a point where the batch can stop.
    heartbeat().catch(() => undefined);
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
