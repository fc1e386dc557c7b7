/**
 * `spec:comment`: puts the spec:review summary on the pull request, as one comment that
 * later runs update, and into the workflow's job summary. Reads the pull request from
 * the GitHub Actions environment.
 */
import { appendFile, readFile } from 'node:fs/promises';

import { ToolError } from '../errors.js';
import { upsertReviewComment } from '../review/publish/pull-request-comment.js';
import { flagValues, helpText, parseFlags, type FlagSpec } from './arguments.js';
import { EXIT_OK } from './exit-codes.js';
import type { Terminal } from './terminal.js';

const FLAGS: Record<string, FlagSpec> = {
  file: {
    kind: 'value',
    placeholder: 'FILE',
    description: 'the summary, as spec:review --summary-file wrote it',
  },
  pr: {
    kind: 'value',
    placeholder: 'NUMBER',
    description: 'the pull request (default: from GITHUB_EVENT_PATH)',
  },
  help: { kind: 'boolean', description: 'show this help' },
};

const SUMMARY =
  'Posts or updates the one spec-review comment of a pull request. Needs GITHUB_TOKEN and\n' +
  'GITHUB_REPOSITORY; GITHUB_API_URL defaults to https://api.github.com. A token that may\n' +
  'not comment (pull requests from forks) is reported and is no failure.';

export async function specCommentCommand(
  argv: readonly string[],
  terminal: Terminal,
): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.has('help')) {
    terminal.out(helpText('npm run spec:comment -- --file FILE [--pr NUMBER]', SUMMARY, FLAGS));
    return EXIT_OK;
  }
  const file = flagValues(flags, 'file')?.[0];
  if (file === undefined) throw new ToolError('INVALID_OPTION', 'spec:comment needs --file FILE.');
  const body = await readFile(file, 'utf8').catch(() => {
    throw new ToolError('INVALID_OPTION', `--file ${file}: no such file; run spec:review first.`);
  });

  const summaryPath = process.env.GITHUB_STEP_SUMMARY;
  if (summaryPath) await appendFile(summaryPath, body);

  const token = process.env.GITHUB_TOKEN;
  const repository = process.env.GITHUB_REPOSITORY;
  if (!token || !repository) {
    throw new ToolError(
      'INVALID_OPTION',
      'spec:comment needs GITHUB_TOKEN and GITHUB_REPOSITORY.',
    );
  }
  const pullRequest = Number(flagValues(flags, 'pr')?.[0] ?? (await eventPullRequest()));
  if (!Number.isInteger(pullRequest) || pullRequest <= 0) {
    throw new ToolError('INVALID_OPTION', 'spec:comment found no pull request; pass --pr NUMBER.');
  }

  try {
    const outcome = await upsertReviewComment(
      {
        apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
        repository,
        pullRequest,
        token,
      },
      body,
    );
    terminal.err(`spec:comment: ${outcome} the review comment on pull request #${pullRequest}.`);
  } catch (error) {
    // Forks get a read-only token: the annotations still show, so this is no failure.
    const reason = error instanceof Error ? error.message : String(error);
    terminal.err(`spec:comment: warning: the comment was not posted (${reason}).`);
  }
  return EXIT_OK;
}

async function eventPullRequest(): Promise<string | undefined> {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (!eventPath) return undefined;
  const event = JSON.parse(await readFile(eventPath, 'utf8')) as {
    pull_request?: { number?: number };
  };
  return event.pull_request?.number === undefined ? undefined : String(event.pull_request.number);
}
