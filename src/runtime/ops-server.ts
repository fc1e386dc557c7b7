import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type pino from 'pino';

import { renderMetrics, type PublisherStats } from './metrics.js';
import type { Worker } from './worker.js';

/**
 * The optional HTTP port for operators: `/metrics` (Prometheus), `/healthz` (liveness:
 * fails only when a consumer stopped for good) and `/readyz` (readiness: every worker has
 * joined its group). It listens on 127.0.0.1 unless told otherwise.
 */
export interface OpsServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly workers: readonly Worker[];
  readonly publishers?: readonly { readonly stats: PublisherStats }[];
  readonly logger: pino.Logger;
}

export interface OpsServer {
  /** The port listened on; the one chosen by the system when 0 was asked for. */
  readonly port: number;
  close(): Promise<void>;
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
        .end(renderMetrics(options.workers, options.publishers));
      return;
    }
    if (path === '/healthz') {
      const crashed = options.workers.filter((worker) => worker.stats.crashed);
      reply(response, crashed.length === 0,
        crashed.map((worker) => `${worker.operationId}: consumer stopped`));
      return;
    }
    if (path === '/readyz') {
      const waiting = options.workers.filter((worker) => !worker.stats.ready);
      reply(response, waiting.length === 0,
        waiting.map((worker) => `${worker.operationId}: not in its group yet`));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  options.logger.info({ port, host: options.host ?? '127.0.0.1' }, 'ops endpoints listening');

  return {
    port,
    close: () => new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function reply(
  response: import('node:http').ServerResponse,
  ok: boolean,
  problems: readonly string[],
): void {
  response.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' })
    .end(ok ? 'ok\n' : `${problems.join('\n')}\n`);
}
