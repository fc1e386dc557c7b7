#!/usr/bin/env node
// The command behind the npm scripts. The project is TypeScript run through tsx, so that
// there is no build step between editing the tool and running it.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
