import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The AsyncAPI CLI that codegen is compared against, pinned. 6.2.0 is the newest release; it
 * declares Node >= 24 but installs (with engine warnings) and runs under Node 20, which
 * BENCHMARKS.md says. It lives in a cache folder of its own, never in package.json.
 */
export const ASYNCAPI_CLI_VERSION = '6.2.0';

export interface AsyncapiCli {
  readonly version: string;
  /** `node <bin> ...` runs it. */
  readonly bin: string;
  /** Environment that keeps its anonymous usage metrics off: they would be sent to a host. */
  readonly env: NodeJS.ProcessEnv;
  /** Engine warnings npm printed when installing it, if it was installed in this run. */
  readonly installNotes: string[];
}

export function ensureAsyncapiCli(root: string): AsyncapiCli {
  const prefix = path.join(root, '.cache', 'bench-cli');
  const manifest = path.join(prefix, 'node_modules', '@asyncapi', 'cli', 'package.json');
  const installNotes: string[] = [];

  if (!existsSync(manifest) || installedVersion(manifest) !== ASYNCAPI_CLI_VERSION) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
    process.stderr.write(
      `bench: installing @asyncapi/cli@${ASYNCAPI_CLI_VERSION} into ${prefix}\n`,
    );
    const result = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--save-exact',
        `@asyncapi/cli@${ASYNCAPI_CLI_VERSION}`,
      ],
      { cwd: prefix, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(
        `npm could not install @asyncapi/cli@${ASYNCAPI_CLI_VERSION} into ${prefix}:\n` +
          result.stderr.trim().split('\n').slice(-10).join('\n'),
      );
    }
    installNotes.push(...result.stderr.split('\n').filter((line) => line.includes('EBADENGINE')));
  }

  const metricsConfig = path.join(prefix, 'analytics.json');
  writeFileSync(
    metricsConfig,
    JSON.stringify({ analyticsEnabled: 'false', infoMessageShown: 'true' }),
  );
  return {
    version: installedVersion(manifest),
    bin: path.join(prefix, 'node_modules', '@asyncapi', 'cli', 'bin', 'run_bin'),
    env: { ...process.env, ASYNCAPI_METRICS_CONFIG_PATH: metricsConfig },
    installNotes,
  };
}

function installedVersion(manifest: string): string {
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
