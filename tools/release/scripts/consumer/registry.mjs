// A local npm registry for the consumer test: verdaccio (pinned in the lockfile) on 127.0.0.1,
// storing into a temporary folder. It serves the @fanin packages and the test's third-party
// plugin scope only from what was published to it, and everything else by proxying the npm
// registry this machine uses.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { log, StepError } from './shell.mjs';

const require = createRequire(import.meta.url);

/** Scopes served only from what the test publishes: never proxied to the public registry. */
export const LOCAL_SCOPES = ['@fanin', '@acme'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function config({ storage, port, uplink }) {
  const local = LOCAL_SCOPES.map(
    (scope) =>
      `  '${scope}/*':\n    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\n`,
  ).join('');
  return `storage: ${storage}
auth:
  htpasswd:
    file: ${join(storage, 'htpasswd')}
uplinks:
  upstream:
    url: ${uplink}
    timeout: 60s
    max_fails: 5
packages:
${local}  '**':
    access: $all
    publish: $authenticated
    proxy: upstream
listen: 127.0.0.1:${port}
server:
  keepAliveTimeout: 60
logs: { type: stdout, format: pretty, level: warn }
publish:
  allow_offline: true
`;
}

/**
 * Starts verdaccio and registers a user. Returns the registry URL, an auth token and `stop()`.
 * @param {{ folder: string, uplink: string }} options
 */
export async function startRegistry({ folder, uplink }) {
  const port = await freePort();
  const configFile = join(folder, 'config.yaml');
  writeFileSync(configFile, config({ storage: join(folder, 'storage'), port, uplink }));
  const bin = join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child = spawn(process.execPath, [bin, '--config', configFile], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}/`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      child.once('exit', () => resolve(undefined));
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  try {
    await waitUntilUp(url, child, () => output);
    const token = await addUser(url);
    log(`registry: verdaccio on ${url} (uplink ${uplink})`);
    return { url, token, stop, output: () => output };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilUp(url, child, output) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new StepError(`verdaccio exited with ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new StepError(`verdaccio did not answer on ${url} within 60 s:\n${output()}`);
}

async function addUser(url) {
  const name = 'fanin-ci';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'consumer-test', type: 'user', roles: [] }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.token !== 'string') {
    throw new StepError(
      `verdaccio refused to add a user: ${response.status} ${JSON.stringify(body)}`,
    );
  }
  return body.token;
}

/**
 * An npm user config that sends every request to the local registry, with its token, and an
 * npm cache of its own (so nothing cached from the real registry answers for an @fanin name).
 * @param {{ folder: string, url: string, token: string }} options
 * @returns {NodeJS.ProcessEnv} the environment for npm, pnpm and npx
 */
export function registryEnvironment({ folder, url, token }) {
  const npmrc = join(folder, 'npmrc');
  const host = url.replace(/^https?:/, '');
  writeFileSync(
    npmrc,
    `registry=${url}\n${host}:_authToken=${token}\nfund=false\naudit=false\nupdate-notifier=false\n`,
  );
  const environment = { ...process.env };
  for (const key of Object.keys(environment)) {
    // pnpm and turbo pass their own npm_config_* down; a consumer starts from a plain npm.
    if (key.toLowerCase().startsWith('npm_config_') || key.startsWith('PNPM_'))
      delete environment[key];
  }
  return {
    ...environment,
    npm_config_userconfig: npmrc,
    npm_config_cache: join(folder, 'npm-cache'),
    npm_config_registry: url,
  };
}
