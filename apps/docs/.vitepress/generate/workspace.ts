// Finds the @fanin packages the docs depend on, tells which ones have landed (a src/index.ts
// with exports), makes sure their builds are current, and loads them.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** apps/docs, with a trailing separator. */
export const DOCS_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = join(DOCS_ROOT, '..', '..');

/** One entry point of a package's exports map. */
export interface PackageEntry {
  /** "." or "./testing". */
  readonly subpath: string;
  /** "@fanin/core" or "@fanin/core/testing". */
  readonly name: string;
  /** The `@fanin/source` target: the TypeScript entry file. */
  readonly source: string;
  /** The `import` target: the built file. */
  readonly built: string;
}

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: {
    readonly dependencies?: Record<string, string>;
    readonly peerDependencies?: Record<string, string>;
    readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>;
    readonly exports?: Record<string, unknown>;
  };
  /** Whether src/index.ts exists and exports something. */
  readonly landed: boolean;
  /** Entry points whose source file exists. */
  readonly entries: readonly PackageEntry[];
}

export interface LoadedEntry {
  readonly pkg: WorkspacePackage;
  readonly entry: PackageEntry;
  readonly exports: Record<string, unknown>;
}

/** The @fanin packages listed in the docs' package.json, dependencies first. */
export function faninPackages(): WorkspacePackage[] {
  const manifest = JSON.parse(readFileSync(join(DOCS_ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
    (name) => name.startsWith('@fanin/'),
  );
  const packages: WorkspacePackage[] = [];
  for (const name of names) {
    const link = join(DOCS_ROOT, 'node_modules', ...name.split('/'));
    if (!existsSync(link)) continue;
    const dir = realpathSync(link);
    const packageManifest = JSON.parse(
      readFileSync(join(dir, 'package.json'), 'utf8'),
    ) as WorkspacePackage['manifest'];
    const entries: PackageEntry[] = [];
    for (const [subpath, target] of Object.entries(packageManifest.exports ?? {})) {
      if (!target || typeof target !== 'object') continue;
      const conditions = target as Record<string, unknown>;
      const source = conditions['@fanin/source'];
      const built = conditions.import ?? conditions.default;
      if (typeof source !== 'string' || typeof built !== 'string') continue;
      entries.push({
        subpath,
        name: subpath === '.' ? name : `${name}/${subpath.replace(/^\.\//, '')}`,
        source: join(dir, source),
        built: join(dir, built),
      });
    }
    const main = entries.find((entry) => entry.subpath === '.');
    const landed =
      main !== undefined &&
      existsSync(main.source) &&
      /\bexport\b/.test(readFileSync(main.source, 'utf8'));
    packages.push({
      name,
      dir,
      manifest: packageManifest,
      landed,
      entries: entries.filter((entry) => existsSync(entry.source)),
    });
  }
  return sortByDependencies(packages);
}

function sortByDependencies(packages: readonly WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const sorted: WorkspacePackage[] = [];
  const seen = new Set<string>();
  const visit = (pkg: WorkspacePackage) => {
    if (seen.has(pkg.name)) return;
    seen.add(pkg.name);
    for (const dependency of Object.keys({
      ...pkg.manifest.dependencies,
      ...pkg.manifest.peerDependencies,
    })) {
      const found = byName.get(dependency);
      if (found) visit(found);
    }
    sorted.push(pkg);
  };
  for (const pkg of [...packages].sort((a, b) => a.name.localeCompare(b.name))) visit(pkg);
  return sorted;
}

/** Newest modification time of any file under `dir` (0 if none). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the package's build is missing or older than its sources (or package.json). */
export function needsBuild(pkg: WorkspacePackage): boolean {
  const built = pkg.entries.map((entry) => entry.built);
  if (built.some((file) => !existsSync(file))) return true;
  const oldestBuild = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const newestSource = Math.max(
    newestMtime(join(pkg.dir, 'src')),
    statSync(join(pkg.dir, 'package.json')).mtimeMs,
  );
  return newestSource > oldestBuild;
}

/**
 * Builds the landed packages whose dist is missing or stale, in dependency order. Under
 * `turbo run build` the docs' `^build` dependency has already done this and nothing runs.
 */
export function ensureBuilt(
  packages: readonly WorkspacePackage[],
  log: (line: string) => void,
): void {
  const stale = packages.filter((pkg) => pkg.landed && needsBuild(pkg));
  if (stale.length === 0) return;
  log(`building ${stale.map((pkg) => pkg.name).join(', ')} (dist missing or older than src)`);
  const filters = stale.flatMap((pkg) => ['--filter', pkg.name]);
  // Inside `pnpm run`, npm_execpath is the pnpm that started us (CI runs pnpm through npx).
  const execPath = process.env.npm_execpath;
  const [command, prefix] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
  execFileSync(command, [...prefix, ...filters, 'run', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

/** Imports the built entry points of the landed packages. */
export async function loadPackages(packages: readonly WorkspacePackage[]): Promise<LoadedEntry[]> {
  const loaded: LoadedEntry[] = [];
  for (const pkg of packages.filter((p) => p.landed)) {
    for (const entry of pkg.entries) {
      const exports = (await import(pathToFileURL(entry.built).href)) as Record<string, unknown>;
      loaded.push({ pkg, entry, exports });
    }
  }
  return loaded;
}

/** A path relative to the docs root, for messages. */
export function docsPath(path: string): string {
  return relative(DOCS_ROOT, path) || '.';
}
