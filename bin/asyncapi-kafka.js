#!/usr/bin/env node
// The command behind the npm scripts. The project is TypeScript run through tsx, so that
// there is no build step between editing the tool and running it.
import { setFlagsFromString } from 'node:v8';

import { register } from 'tsx/esm/api';

// Parsing a large document allocates a great deal that lives briefly. V8's defaults
// promote much of it out of a 16 MiB young generation, and let the old generation grow
// by a large factor over what survived before collecting it again. A larger young generation and a
// slower-growing old one took codegen of the 900-message benchmark document from about
// 9.7 s and 490 MiB to 7 s and 330 MiB (BENCHMARKS.md). Set here, they hold however the
// command is started.
setFlagsFromString('--max-semi-space-size=64');
setFlagsFromString('--heap-growing-percent=60');

register();
// tsx turns on source maps, and Node then reads and parses the source map of every module
// that names one as it loads: hundreds of files in the parser, Spectral and Ajv, about a
// quarter of a second per run. Stack traces are only printed with DEBUG set (src/cli/main.ts),
// and then they keep pointing into the TypeScript sources.
if (!process.env.DEBUG) process.setSourceMapsEnabled(false);
await import('../src/cli/run.ts');
