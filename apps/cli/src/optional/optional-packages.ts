import packageJson from '../../package.json' with { type: 'json' };

/**
 * The packages only some commands need, which `npm i -g @fanin/cli` does not install (they
 * are optional peer dependencies, and stay outside the bundle): each is imported when a
 * command needs it, and a missing one fails with one line saying what to install (see
 * load-optional.ts and docs/decisions/0006-cli-bundle.md).
 */
export const OPTIONAL_PACKAGES = [
  { name: '@fanin/bench', enables: 'fanin bench' },
  { name: 'bullmq', enables: 'fanin sweep --redis, fanin worker' },
  { name: 'ioredis', enables: 'fanin sweep --redis, fanin worker' },
  { name: 'mnist', enables: 'the mnist dataset (fanin experiments, examples/*.json)' },
] as const;

const ranges: Readonly<Record<string, string>> = packageJson.peerDependencies ?? {};

/**
 * What to type to install an optional package: its name, with the range the CLI declares
 * for it when that is a registry range (`bullmq@^6.7.0`); the @fanin/* packages are
 * versioned together with the CLI, so their name is enough.
 */
export function installSpec(name: string): string {
  const range = ranges[name];
  return range === undefined || range.startsWith('workspace:') || name.startsWith('@fanin/')
    ? name
    : `${name}@${range}`;
}
