/** The entry point of the binary. */
import { main } from './main.js';
import { processTerminal } from './terminal.js';

process.exitCode = await main(process.argv.slice(2), processTerminal);
