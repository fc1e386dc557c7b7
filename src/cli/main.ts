/**
 * The command line: one binary, one subcommand per npm script. Commands return an exit
 * code; only this file ends the process.
 */
import { isToolError } from '../errors.js';
import { EXIT_BAD_INPUT } from './exit-codes.js';
import type { Terminal } from './terminal.js';

type Command = (argv: readonly string[], terminal: Terminal) => Promise<number>;

/**
 * Each command is imported only when it runs: the libraries behind them (the parser,
 * Modelina, ts-morph, kafkajs, Ajv) take seconds to load, and a command needs few of them.
 */
function lazy<K extends string>(load: () => Promise<Record<K, Command>>, name: K): Command {
  return async (argv, terminal) => (await load())[name](argv, terminal);
}

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  codegen: {
    run: lazy(() => import('./codegen-command.js'), 'codegenCommand'),
    summary: 'AsyncAPI documents → typed producers, workers and types',
  },
  docs: {
    run: lazy(() => import('./docs-command.js'), 'docsCommand'),
    summary: 'AsyncAPI documents → a static docs site',
  },
  topics: {
    run: lazy(() => import('./topics-command.js'), 'topicsCommand'),
    summary: 'create or check the declared topics on the brokers',
  },
  dlq: {
    run: lazy(() => import('./dlq-command.js'), 'dlqCommand'),
    summary: 'show or replay the letters in a dead-letter topic',
  },
  'spec:lint': {
    run: lazy(() => import('./spec-lint-command.js'), 'specLintCommand'),
    summary: 'validity and house rules of the documents',
  },
  'spec:diff': {
    run: lazy(() => import('./spec-diff-command.js'), 'specDiffCommand'),
    summary: 'what changed between two versions, and who it breaks',
  },
  'spec:review': {
    run: lazy(() => import('./spec-review-command.js'), 'specReviewCommand'),
    summary: 'lint, diff and drift check in one summary',
  },
  'spec:comment': {
    run: lazy(() => import('./spec-comment-command.js'), 'specCommentCommand'),
    summary: 'the spec:review summary as a pull-request comment',
  },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(12)} ${summary}`);
  return `Usage: asyncapi-kafka <command> [flags]\n\nCommands:\n${rows.join('\n')}\n\nRun a command with --help for its flags.\n`;
}

export async function main(argv: readonly string[], terminal: Terminal): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    terminal.out(usage());
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    terminal.err(`asyncapi-kafka: unknown command "${name}".\n${usage()}`);
    return EXIT_BAD_INPUT;
  }

  try {
    return await command.run(rest, terminal);
  } catch (error) {
    if (isToolError(error)) {
      terminal.err(`error: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    // Anything else is a fault of this tool, not of the input: say so without a stack
    // trace unless one is asked for.
    const message = error instanceof Error ? error.message : String(error);
    terminal.err(`error: asyncapi-kafka ${name} failed unexpectedly: ${message}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) terminal.err(error.stack);
    else terminal.err('Run again with DEBUG=1 for the stack trace, and report it as a bug.');
    return EXIT_BAD_INPUT;
  }
}
