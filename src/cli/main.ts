/**
 * The command line: one binary, one subcommand per npm script. Commands return an exit
 * code; only this file ends the process.
 */
import { isToolError } from '../errors.js';
import { codegenCommand } from './codegen-command.js';
import { docsCommand } from './docs-command.js';
import { dlqCommand } from './dlq-command.js';
import { EXIT_BAD_INPUT } from './exit-codes.js';
import { specCommentCommand } from './spec-comment-command.js';
import { specDiffCommand } from './spec-diff-command.js';
import { specLintCommand } from './spec-lint-command.js';
import { specReviewCommand } from './spec-review-command.js';
import { topicsCommand } from './topics-command.js';
import type { Terminal } from './terminal.js';

type Command = (argv: readonly string[], terminal: Terminal) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  codegen: { run: codegenCommand, summary: 'AsyncAPI documents → typed producers, workers and types' },
  docs: { run: docsCommand, summary: 'AsyncAPI documents → a static docs site' },
  topics: { run: topicsCommand, summary: 'create or check the declared topics on the brokers' },
  dlq: { run: dlqCommand, summary: 'show or replay the letters in a dead-letter topic' },
  'spec:lint': { run: specLintCommand, summary: 'validity and house rules of the documents' },
  'spec:diff': { run: specDiffCommand, summary: 'what changed between two versions, and who it breaks' },
  'spec:review': { run: specReviewCommand, summary: 'lint, diff and drift check in one summary' },
  'spec:comment': { run: specCommentCommand, summary: 'the spec:review summary as a pull-request comment' },
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
