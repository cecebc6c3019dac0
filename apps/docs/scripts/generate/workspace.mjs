// Finds the @fanin packages the docs depend on, tells which ones have landed (a src/index.ts
// with exports), makes sure their builds are current, and loads them.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DOCS_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = join(DOCS_ROOT, '..', '..');

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name       npm name, e.g. "@fanin/activations"
 * @property {string} dir        absolute directory
 * @property {Record<string, unknown>} manifest  its package.json
 * @property {boolean} landed    whether src/index.ts exists and exports something
 * @property {{ subpath: string, name: string, source: string, built: string }[]} entries
 *   the package's entry points from its exports map ("." → name, "./testing" → name/testing)
 */

/** The @fanin packages listed in the docs' package.json, in dependency order (core first). */
export function faninPackages() {
  const manifest = JSON.parse(readFileSync(join(DOCS_ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => name.startsWith('@fanin/'));
  /** @type {WorkspacePackage[]} */
  const packages = [];
  for (const name of names) {
    const link = join(DOCS_ROOT, 'node_modules', ...name.split('/'));
    if (!existsSync(link)) continue;
    const dir = realpathSync(link);
    const packageManifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const entries = [];
    for (const [subpath, target] of Object.entries(packageManifest.exports ?? {})) {
      if (!target || typeof target !== 'object' || typeof target['@fanin/source'] !== 'string') continue;
      entries.push({
        subpath,
        name: subpath === '.' ? name : `${name}/${subpath.replace(/^\.\//, '')}`,
        source: join(dir, target['@fanin/source']),
        built: join(dir, target.import ?? target.default),
      });
    }
    const main = entries.find((entry) => entry.subpath === '.');
    const landed = main !== undefined && existsSync(main.source) && /\bexport\b/.test(readFileSync(main.source, 'utf8'));
    packages.push({ name, dir, manifest: packageManifest, landed, entries: entries.filter((entry) => existsSync(entry.source)) });
  }
  return sortByDependencies(packages);
}

/** @param {WorkspacePackage[]} packages */
function sortByDependencies(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  /** @type {WorkspacePackage[]} */
  const sorted = [];
  const seen = new Set();
  /** @param {WorkspacePackage} pkg */
  const visit = (pkg) => {
    if (seen.has(pkg.name)) return;
    seen.add(pkg.name);
    const { dependencies = {}, peerDependencies = {} } = /** @type {any} */ (pkg.manifest);
    for (const dependency of Object.keys({ ...dependencies, ...peerDependencies })) {
      const found = byName.get(dependency);
      if (found) visit(found);
    }
    sorted.push(pkg);
  };
  for (const pkg of [...packages].sort((a, b) => a.name.localeCompare(b.name))) visit(pkg);
  return sorted;
}

/** Newest modification time of any file under `dir` (0 if none). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether the package's build is missing or older than its sources (or package.json).
 * @param {WorkspacePackage} pkg
 */
export function needsBuild(pkg) {
  const built = pkg.entries.map((entry) => entry.built);
  if (built.some((file) => !existsSync(file))) return true;
  const oldestBuild = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const newestSource = Math.max(newestMtime(join(pkg.dir, 'src')), statSync(join(pkg.dir, 'package.json')).mtimeMs);
  return newestSource > oldestBuild;
}

/**
 * Builds the landed packages whose dist is missing or stale, in dependency order. Under
 * `turbo run build` the docs' `^build` dependency has already done this and nothing runs.
 * @param {WorkspacePackage[]} packages
 * @param {(line: string) => void} log
 */
export function ensureBuilt(packages, log) {
  const stale = packages.filter((pkg) => pkg.landed && needsBuild(pkg));
  if (stale.length === 0) return;
  log(`building ${stale.map((pkg) => pkg.name).join(', ')} (dist missing or older than src)`);
  const filters = stale.flatMap((pkg) => ['--filter', pkg.name]);
  // Inside `pnpm run`, npm_execpath is the pnpm that started us (CI runs pnpm through npx).
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
  execFileSync(command, [...prefix, ...filters, 'run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/**
 * Imports the built entry points of the landed packages.
 * @param {WorkspacePackage[]} packages
 * @returns {Promise<{ pkg: WorkspacePackage, entry: WorkspacePackage['entries'][number], exports: Record<string, unknown> }[]>}
 */
export async function loadPackages(packages) {
  const loaded = [];
  for (const pkg of packages.filter((p) => p.landed)) {
    for (const entry of pkg.entries) {
      const exports = await import(pathToFileURL(entry.built).href);
      loaded.push({ pkg, entry, exports });
    }
  }
  return loaded;
}

/** A path relative to the repository root, for messages. */
export function repoPath(path) {
  return relative(REPO_ROOT, path) || '.';
}

export { dirname };
