#!/usr/bin/env node
// The consumer test: publish every public @fanin package with the repository's own release
// commands to a local npm registry (verdaccio on 127.0.0.1), then use them from fresh npm
// projects outside the monorepo, one project per way a user meets them.
//
//   node tools/release/scripts/consumer-test.mjs [--only name,name] [--keep]
//
// Everything it starts (the registry, vite, Chromium) is stopped and every folder it makes is
// removed at the end, unless --keep is given.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { globalCli } from './consumer/checks/cli.mjs';
import { installEachAlone } from './consumer/checks/install-alone.mjs';
import { minimalTraining } from './consumer/checks/minimal-training.mjs';
import { pluginGuide } from './consumer/checks/plugin-guide.mjs';
import { readmeSample } from './consumer/checks/readme-pipeline.mjs';
import { typescriptUsers } from './consumer/checks/typescript.mjs';
import { viteWebgl } from './consumer/checks/vite-webgl.mjs';
import { registryEnvironment, startRegistry } from './consumer/registry.mjs';
import { inspectTarballs, releaseToRegistry } from './consumer/release.mjs';
import { log, workArea } from './consumer/shell.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const CHECKS = {
  'install-alone': installEachAlone,
  'minimal-training': minimalTraining,
  'readme-pipeline': readmeSample,
  typescript: typescriptUsers,
  'vite-webgl': viteWebgl,
  cli: globalCli,
  'plugin-guide': pluginGuide,
};

function parseArguments(argv) {
  const options = { only: Object.keys(CHECKS), keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--keep') options.keep = true;
    else if (argv[i] === '--only') {
      options.only = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = options.only.filter((name) => !(name in CHECKS));
      if (unknown.length > 0) {
        console.error(
          `consumer-test: unknown check ${unknown.join(', ')}; the checks are ${Object.keys(CHECKS).join(', ')}`,
        );
        process.exit(2);
      }
    } else {
      console.error(`consumer-test: unknown argument ${argv[i]}; use --only name,name or --keep`);
      process.exit(2);
    }
  }
  return options;
}

/** The published tarballs must be what the versioning decision promises. */
function checkTarballs(tarballs) {
  const problems = [];
  const versions = new Set(tarballs.map((tarball) => tarball.version));
  if (versions.size !== 1) problems.push(`the family has several versions: ${[...versions]}`);
  for (const { name, version, files, manifest } of tarballs) {
    if (!semver.lt(version, '1.0.0')) problems.push(`${name} was published as ${version}, not 0.x`);
    if (!files.includes('CHANGELOG.md')) problems.push(`${name}@${version} ships no CHANGELOG.md`);
    for (const [peer, range] of Object.entries(manifest.peerDependencies ?? {})) {
      if (peer.startsWith('@fanin/') && range !== `^${version}`) {
        problems.push(`${name}@${version} asks for ${peer}@${range}, not ^${version}`);
      }
    }
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        if (String(range).startsWith('workspace:'))
          problems.push(`${name} publishes ${dependency}@${range}`);
      }
    }
  }
  return problems;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const started = Date.now();
  const area = workArea();
  let registry;
  const stopAll = async () => {
    await registry?.stop();
    if (options.keep) log(`kept ${area.root}`);
    else area.cleanup();
  };
  const onSignal = (signal) => {
    log(`${signal}: stopping`);
    stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results = {};
  const failures = [];
  try {
    const uplink = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
    registry = await startRegistry({ folder: area.folder('registry'), uplink });
    const env = registryEnvironment({
      folder: area.folder('npm'),
      url: registry.url,
      token: registry.token,
    });
    const released = await releaseToRegistry({
      repoRoot,
      folder: area.folder('repo'),
      registryEnv: env,
    });
    const tarballs = await inspectTarballs({
      released,
      url: registry.url,
      folder: area.folder('tarballs'),
    });
    log('published:');
    for (const { name, version, tarballBytes, files } of tarballs) {
      log(
        `  ${name.padEnd(22)} ${version.padEnd(8)} tarball ${`${(tarballBytes / 1e3).toFixed(0)} kB`.padStart(8)}  ${files.length} files`,
      );
    }
    const problems = checkTarballs(tarballs);
    if (problems.length > 0) failures.push({ name: 'tarballs', message: problems.join('\n') });
    results.tarballs = tarballs.map(({ name, version, tarballBytes }) => ({
      name,
      version,
      tarballBytes,
    }));
    const context = { area, env, released, repoRoot, url: registry.url };
    for (const name of options.only) {
      const start = Date.now();
      try {
        results[name] = await CHECKS[name](context);
        log(`ok ${name} (${((Date.now() - start) / 1000).toFixed(0)} s)`);
      } catch (error) {
        failures.push({ name, message: error instanceof Error ? error.message : String(error) });
        log(`FAILED ${name} (${((Date.now() - start) / 1000).toFixed(0)} s)`);
      }
    }
  } catch (error) {
    failures.push({ name: 'setup', message: error instanceof Error ? error.stack : String(error) });
  } finally {
    await stopAll();
  }
  const summaryFolder = join(repoRoot, 'test-artifacts', 'consumer');
  mkdirSync(summaryFolder, { recursive: true });
  writeFileSync(
    join(summaryFolder, 'summary.json'),
    `${JSON.stringify({ results, failures }, null, 2)}\n`,
  );
  for (const { name, message } of failures)
    console.error(`\n[consumer] FAILED ${name}:\n${message}`);
  const passed =
    options.only.filter((name) => name in results).length +
    (failures.some((f) => f.name === 'tarballs') ? 0 : 1);
  log(
    `finished in ${((Date.now() - started) / 1000).toFixed(0)} s; summary in test-artifacts/consumer/summary.json`,
  );
  console.log(`consumer: ${passed} passed, ${failures.length} failed`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

await main();
