/**
 * spec:comment against a stand-in for the GitHub API on the loopback interface: the first
 * run creates the comment, later runs update that same comment.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../support/cli.js';
import { folderWith } from './support.js';

interface Comment {
  id: number;
  body: string;
}

const comments: Comment[] = [{ id: 1, body: 'an unrelated comment' }];
const requests: string[] = [];
const server = createServer((request, response) => {
  void readBody(request).then((text) => {
    requests.push(`${request.method} ${request.url?.split('?')[0]}`);
    const url = request.url ?? '';
    if (request.method === 'GET' && url.startsWith('/repos/o/r/issues/7/comments')) {
      response.end(JSON.stringify(comments));
    } else if (request.method === 'POST' && url === '/repos/o/r/issues/7/comments') {
      const body = (JSON.parse(text) as { body: string }).body;
      comments.push({ id: comments.length + 1, body });
      response.statusCode = 201;
      response.end('{}');
    } else if (request.method === 'PATCH' && url.startsWith('/repos/o/r/issues/comments/')) {
      const comment = comments.find((c) => c.id === Number(url.split('/').pop()));
      if (comment) comment.body = (JSON.parse(text) as { body: string }).body;
      response.end('{}');
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
});

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
  });
}

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs the CLI without blocking this process, which serves the API. */
function comment(dir: string, file: string): Promise<{ status: number | null; stderr: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'bin/asyncapi-kafka.js'),
        'spec:comment',
        '--file',
        file,
        '--pr',
        '7',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          GITHUB_API_URL: `http://127.0.0.1:${port}`,
          GITHUB_TOKEN: 't',
          GITHUB_REPOSITORY: 'o/r',
          GITHUB_STEP_SUMMARY: path.join(dir, 'step-summary.md'),
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('spec:comment', () => {
  it('creates the review comment once and updates it afterwards', async () => {
    const dir = await folderWith({
      'first.md': '<!-- asyncapi-kafka spec-review -->\n## Spec review\nfirst\n',
      'second.md': '<!-- asyncapi-kafka spec-review -->\n## Spec review\nsecond\n',
    });

    const first = await comment(dir, 'first.md');
    expect(first.stderr).toContain('created the review comment on pull request #7');
    const second = await comment(dir, 'second.md');
    expect(second.stderr).toContain('updated the review comment on pull request #7');

    expect(comments.map((c) => c.body.trim().split('\n').at(-1))).toEqual([
      'an unrelated comment',
      'second',
    ]);
    expect(await readFile(path.join(dir, 'step-summary.md'), 'utf8')).toContain('first\n');
    expect(requests).toEqual([
      'GET /repos/o/r/issues/7/comments',
      'POST /repos/o/r/issues/7/comments',
      'GET /repos/o/r/issues/7/comments',
      'PATCH /repos/o/r/issues/comments/2',
    ]);
  });
});
