/**
 * Posts the review summary as one pull-request comment, updated in place on every run:
 * the comment is found by the marker on its first line, so a pull request never collects
 * a comment per push.
 */
import { REVIEW_MARKER } from '../report/format-review.js';

export interface GithubTarget {
  /** `https://api.github.com`, or what GITHUB_API_URL names. */
  readonly apiUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly pullRequest: number;
  readonly token: string;
}

export type CommentOutcome = 'created' | 'updated';

export async function upsertReviewComment(
  target: GithubTarget,
  body: string,
): Promise<CommentOutcome> {
  const base = `${target.apiUrl.replace(/\/$/, '')}/repos/${target.repository}`;
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${target.token}`,
    'content-type': 'application/json',
    'x-github-api-version': '2022-11-28',
  };
  const marked = body.startsWith(REVIEW_MARKER) ? body : `${REVIEW_MARKER}\n${body}`;

  const existing = await findMarkedComment(
    `${base}/issues/${target.pullRequest}/comments`,
    headers,
  );
  const request =
    existing === undefined
      ? { url: `${base}/issues/${target.pullRequest}/comments`, method: 'POST' }
      : { url: `${base}/issues/comments/${existing}`, method: 'PATCH' };
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    body: JSON.stringify({ body: marked }),
  });
  if (!response.ok) {
    throw new Error(
      `${request.method} ${request.url} answered ${response.status}: ${await response.text()}`,
    );
  }
  return existing === undefined ? 'created' : 'updated';
}

async function findMarkedComment(
  url: string,
  headers: Record<string, string>,
): Promise<number | undefined> {
  for (let page = 1; page <= 20; page += 1) {
    const response = await fetch(`${url}?per_page=100&page=${page}`, { headers });
    if (!response.ok) {
      throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    }
    const comments = (await response.json()) as Array<{ id: number; body?: string }>;
    const found = comments.find((comment) => comment.body?.startsWith(REVIEW_MARKER));
    if (found !== undefined) return found.id;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}
