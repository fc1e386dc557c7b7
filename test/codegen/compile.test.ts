/**
 * Generated code is only useful if it compiles with the code that uses it: the committed
 * example with its hand-written handlers, and a handler that stops compiling when its
 * channel gains a message.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT, runCli } from '../support/cli.js';
import { documentWithPayloads } from '../support/codegen.js';
import { typecheck } from '../support/typescript.js';

describe('compiling generated code', async () => {
  const dir = await mkdtemp(path.join(PROJECT_ROOT, 'tmp-compile-test-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('compiles the committed example with the handlers and main of src/', () => {
    expect(typecheck(path.join(PROJECT_ROOT, 'tsconfig.json'))).toBe('');
  });

  it('fails to compile a handler that lacks a method for a newly added message', async () => {
    const receiving = (payloads: Record<string, string>): string =>
      documentWithPayloads(payloads).replace('action: send', 'action: receive');
    const spec = path.join(dir, 'orders.yaml');
    const out = path.join(dir, 'out');
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['.'] }));
    await writeFile(
      path.join(dir, 'handler.ts'),
      [
        "import type { SendThingsHandlers } from './out/orders/index.js';",
        'export const handlers: SendThingsHandlers = {',
        '  onPlaced(event) { const id: string = event.id; void id; },',
        '};',
        '',
      ].join('\n'),
    );

    await writeFile(spec, receiving({ placed: 'type: object\nrequired: [id]\nproperties:\n  id: { type: string }' }));
    expect(runCli(['codegen', '--spec', spec, '--out', out], PROJECT_ROOT).status).toBe(0);
    expect(typecheck(path.join(dir, 'tsconfig.json'))).toBe('');

    await writeFile(
      spec,
      receiving({
        placed: 'type: object\nrequired: [id]\nproperties:\n  id: { type: string }',
        cancelled: 'type: object\nproperties:\n  reason: { type: string }',
      }),
    );
    expect(runCli(['codegen', '--spec', spec, '--out', out], PROJECT_ROOT).status).toBe(0);
    expect(typecheck(path.join(dir, 'tsconfig.json'))).toMatch(/handler\.ts.*onCancelled/s);
  });
});
