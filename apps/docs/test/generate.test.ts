// The generator of the reference pages, on a plugin written here (so that the tests do not
// depend on what the packages happen to contain) and on @fanin/core itself.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@fanin/core';
import {
  createRegistry,
  defineActivation,
  defineInitializer,
  defineNormalization,
  definePlugin,
  FunctionModule,
  option,
  tf,
  useBackend,
} from '@fanin/core';
import { createMarkdownRenderer } from 'vitepress';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationSvg, sampleActivation } from '../.vitepress/generate/activation-plot.js';
import { escapeMustaches } from '../.vitepress/generate/api-pages.js';
import {
  exportedNames,
  pageFrontmatter,
  unmetRequirements,
} from '../.vitepress/generate/availability.js';
import { flagName, normalizeCommands, renderCliPages } from '../.vitepress/generate/cli-pages.js';
import {
  escapeCell,
  escapeText,
  formatNumber,
  inlineCode,
  kebabCase,
} from '../.vitepress/generate/markdown.js';
import {
  exampleValue,
  findPlugins,
  jsLiteral,
  renderRegistryPages,
} from '../.vitepress/generate/registry-pages.js';
import {
  isExperimentTable,
  renderExperimentPages,
} from '../.vitepress/generate/experiment-pages.js';
import { DOCS_ROOT, REPO_ROOT, type WorkspacePackage } from '../.vitepress/generate/workspace.js';

const metadata = {
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const,
  zeroCentered: true,
  saturating: false,
  smooth: true,
  monotonic: true,
  recommendedInitializer: 'testNormal',
  gain: (options: Record<string, unknown>) => 1 + (options.slope as number),
};

const slanted = defineActivation({
  description: 'Slanted identity: x * (1 + slope) | scaled, for <tests> {{ not Vue }}',
  aliases: ['slant'],
  options: {
    slope: option.number({ description: 'Extra slope, a * b', default: 0.5, min: 0 }),
    mode: option.enum(['plain', 'fancy'], { description: 'Which variant', default: 'plain' }),
  },
  metadata,
  create: (options) => new FunctionModule('slantedLinear', (x) => tf.mul(x, 1 + options.slope)),
});

const mixer = defineActivation({
  description: 'Mixes a vector: x - mean(x)',
  options: {},
  metadata: { ...metadata, recommendedInitializer: 'unregisteredInit' },
  create: () => new FunctionModule('mixer', (x) => tf.sub(x, tf.mean(x, -1, true))),
});

const needsUnits = defineActivation({
  description: 'Needs a size',
  options: { units: option.integer({ description: 'Output units', min: 3 }) },
  metadata,
  create: () => new FunctionModule('needsUnits', (x) => x),
});

const testNormal = defineInitializer({
  description: 'N(0, std²)',
  options: {
    std: option.number({ description: 'Standard deviation', default: 1, greaterThan: 0 }),
  },
  metadata: { random: true, distribution: 'normal' },
  create: ({ std }) => ({
    name: 'testNormal',
    init: (shape, { random }) => random.normalTensor(shape, 0, std),
  }),
});

const centering = defineNormalization({
  description: 'Subtracts the mean of each example',
  options: {},
  metadata: { batchDependent: false, layouts: ['[N, C]', '[N, ..., C]'], limits: { minBatch: 1 } },
  create: () => new FunctionModule('centering', (x) => tf.sub(x, tf.mean(x, -1, true))),
});

const plugin = definePlugin({
  name: '@test/docs-plugin',
  activations: { slantedLinear: slanted, mixer, needsUnits },
  initializers: { testNormal },
  normalizations: { centering },
});
const source = { plugin, packageName: '@test/docs-plugin', exportName: 'docsPlugin' };

beforeAll(async () => {
  await useBackend('cpu');
});

describe('markdown helpers', () => {
  it('escapes HTML, Vue mustaches and emphasis outside code spans', () => {
    expect(escapeText('a * b_c <x> {{ y }} `p*q_r`')).toBe(
      'a \\* b\\_c &lt;x&gt; &#123;&#123; y &#125;&#125; `p*q_r`',
    );
    expect(escapeCell('a | b\nc')).toBe('a \\| b c');
    expect(inlineCode('a|b')).toBe('<code>a&#124;b</code>');
  });

  it('keeps bare URLs verbatim, as autolinks, so that no escape leaks into an href', async () => {
    const url =
      'https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_blobs.html';
    expect(escapeText(`like make_blobs (${url}).`)).toBe(`like make\\_blobs (<${url}>).`);
    expect(escapeCell(`see ${url}, or a | b`)).toBe(`see <${url}>, or a \\| b`);
    const markdown = await createMarkdownRenderer(DOCS_ROOT);
    const html = markdown.render(
      `| reference | ${escapeCell(url)} |\n| --- | --- |\n\n${escapeText(`a_b ${url}.`)}`,
    );
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([url, url]);
  });

  it('names files in kebab-case and writes numbers as people do', () => {
    expect(kebabCase('leakyRelu')).toBe('leaky-relu');
    expect(kebabCase('relu6')).toBe('relu6');
    expect(kebabCase('softmaxCrossEntropy')).toBe('softmax-cross-entropy');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1e-5)).toBe('1e-5');
  });

  it('writes house-style literals and valid example values', () => {
    expect(jsLiteral({ a: "it's", 'b-c': [1, true] })).toBe("{ a: 'it\\'s', 'b-c': [1, true] }");
    expect(exampleValue({ type: 'integer', minimum: 3 })).toBe(3);
    expect(exampleValue({ type: 'number', exclusiveMinimum: 2 })).toBe(3);
    expect(exampleValue({ type: 'string', enum: ['x', 'y'] })).toBe('x');
    expect(exampleValue({ type: 'array', minItems: 2, items: { type: 'boolean' } })).toEqual([
      true,
      true,
    ]);
  });
});

describe('registry pages', () => {
  const { pages, sections } = renderRegistryPages(core, [source]);
  const page = (path: string) => pages.find((candidate) => candidate.path === path)?.content ?? '';

  it('finds plugin objects among a module’s exports', () => {
    expect(
      findPlugins(core, '@test/docs-plugin', {
        docsPlugin: plugin,
        helper: () => 1,
        other: { name: 'x', options: {} },
      }),
    ).toEqual([source]);
  });

  it('writes an index per kind and a kebab-case page per entry', () => {
    expect(pages.map((candidate) => candidate.path).sort()).toEqual([
      'reference/activations/index.md',
      'reference/activations/mixer.md',
      'reference/activations/needs-units.md',
      'reference/activations/slanted-linear.md',
      'reference/initializers/index.md',
      'reference/initializers/test-normal.md',
      'reference/normalizations/centering.md',
      'reference/normalizations/index.md',
    ]);
    expect(
      sections.map((section) => [section.kind, section.entries.map((entry) => entry.link)]),
    ).toEqual([
      [
        'activation',
        [
          '/reference/activations/mixer',
          '/reference/activations/needs-units',
          '/reference/activations/slanted-linear',
        ],
      ],
      ['initializer', ['/reference/initializers/test-normal']],
      ['normalization', ['/reference/normalizations/centering']],
    ]);
  });

  it('renders an entry from its declaration: description, aliases, usage, options, properties, schema', () => {
    const content = page('reference/activations/slanted-linear.md');
    expect(content).toContain('# slantedLinear\n');
    expect(content).toContain(
      'x \\* (1 + slope) | scaled, for &lt;tests&gt; &#123;&#123; not Vue &#125;&#125;',
    );
    expect(content).toContain('**Aliases:** `slant`');
    expect(content).toContain("import { docsPlugin } from '@test/docs-plugin';");
    expect(content).toContain(
      "const activation = fanin.activation('slantedLinear', { slope: 0.5, mode: 'plain' });",
    );
    expect(content).toContain(
      '| `slope` | number | `0.5` | a number &gt;= 0 | Extra slope, a \\* b |',
    );
    expect(content).toContain(
      '| `mode` | enum | `"plain"` | one of "plain", "fancy" | Which variant |',
    );
    expect(content).toContain('| Gain (default options) | 1.5 |');
    expect(content).toContain(
      '| Recommended initializer | [`testNormal`](/reference/initializers/test-normal) |',
    );
    const schema = /## JSON Schema[\s\S]*?```json\n([\s\S]*?)\n```/.exec(content)?.[1];
    const registry = createRegistry({ plugins: [plugin] });
    expect(JSON.parse(schema!)).toEqual(registry.info('activation', 'slantedLinear').jsonSchema);
  });

  it('gives required options a valid example value and no gain', () => {
    const content = page('reference/activations/needs-units.md');
    expect(content).toContain("fanin.activation('needsUnits', { units: 3 })");
    expect(content).toContain('| `units` | integer | *required* |');
    expect(content).not.toContain('Gain (default options)');
    expect(
      createRegistry({ plugins: [plugin] }).validate('activation', { type: 'needsUnits', units: 3 })
        .options,
    ).toEqual({ units: 3 });
  });

  it('starts the usage with the install line of core and the plugin’s package, when asked', () => {
    const installed = renderRegistryPages(core, [source], {
      installFor: (packages) => `npm i ${packages.join(' ')}`,
    }).pages.find((candidate) => candidate.path === 'reference/activations/mixer.md')!.content;
    expect(installed).toContain(
      '## Usage\n\n```sh\nnpm i @fanin/core @test/docs-plugin\n```\n\n```ts',
    );
    expect(page('reference/activations/mixer.md')).not.toContain('npm i');
  });

  it('links the recommended initializer only when it is registered', () => {
    expect(page('reference/activations/mixer.md')).toContain(
      '| Recommended initializer | `unregisteredInit` |',
    );
  });

  it('shows other kinds’ metadata as yes/no, code lists and JSON', () => {
    const content = page('reference/normalizations/centering.md');
    expect(content).toContain('| batchDependent | no |');
    expect(content).toContain('| layouts | `[N, C]`, `[N, ..., C]` |');
    expect(content).toContain('| limits | `{"minBatch":1}` |');
  });

  it('lists initializer metadata', () => {
    const content = page('reference/initializers/test-normal.md');
    expect(content).toContain('| Random | yes (seeded stream) |');
    expect(content).toContain('| Distribution | normal |');
  });
});

describe('activation plots', () => {
  const registry = createRegistry({ plugins: [plugin] });

  it('samples an elementwise activation and its derivative', () => {
    const samples = sampleActivation(core, registry, registry.info('activation', 'slantedLinear'), {
      points: 5,
      limit: 2,
    });
    expect(samples?.x).toEqual([-2, -1, 0, 1, 2]);
    expect(samples?.y).toEqual([-3, -1.5, 0, 1.5, 3]);
    expect(samples?.dy).toEqual([1.5, 1.5, 1.5, 1.5, 1.5]);
  });

  it('does not plot what is not a function of one number', () => {
    expect(sampleActivation(core, registry, registry.info('activation', 'mixer'))).toBeUndefined();
    expect(
      sampleActivation(core, registry, registry.info('activation', 'needsUnits')),
    ).toBeUndefined();
  });

  it('draws both curves, breaking the line at non-finite values', () => {
    const svg = activationSvg(
      'f',
      { x: [-1, 0, 1], y: [0, Number.NaN, 1], dy: [1, 1, 1] },
      { explorerLink: '/demos/activation-explorer' },
    );
    expect(svg).toContain('aria-label="f and its derivative on [-1, 1]"');
    const value = /<path class="value" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(value.match(/M/g)).toHaveLength(2);
    expect(svg).toContain('<a href="/demos/activation-explorer">');
    expect(activationSvg('f', { x: [0, 1], y: [0, 1], dy: [1, 1] })).not.toContain('<a ');
  });
});

describe('CLI pages', () => {
  const commands = {
    train: {
      description: 'Trains a model from a config file',
      positionals: [{ name: 'config', description: 'Path of the model config' }],
      options: {
        epochs: option.integer({ description: 'Epochs to train', default: 10, min: 1 }),
        learningRate: { type: 'number', description: 'Step size', alias: 'l' },
        backend: option.enum(['cpu', 'wasm'], { description: 'Backend', optional: true }),
      },
      examples: ['fanin train model.json --epochs 5'],
    },
    list: { description: 'Lists registry entries', options: {} },
  };

  it('normalizes option specs and plain declarations alike, keeping the declared order', () => {
    const [train, list] = normalizeCommands(commands);
    expect(list?.name).toBe('list');
    expect(train?.summary).toBe('Trains a model from a config file');
    expect(train?.options.map((o) => [o.name, o.default, o.required, o.aliases])).toEqual([
      ['epochs', 10, false, []],
      ['learningRate', undefined, false, ['l']],
      ['backend', undefined, false, []],
    ]);
    expect(flagName('learningRate')).toBe('--learning-rate');
  });

  it('writes an index and a page per command', () => {
    const { pages, items } = renderCliPages(commands);
    expect(items).toEqual([
      { text: 'fanin train', link: '/reference/cli/train' },
      { text: 'fanin list', link: '/reference/cli/list' },
    ]);
    const train = pages.find((page) => page.path === 'reference/cli/train.md')!.content;
    expect(train).toContain('fanin train <config> [options]');
    expect(train).toContain('| `--epochs` | an integer &gt;= 1 | `10` | Epochs to train |');
    expect(train).toContain('| `--learning-rate`, `-l` | number |  | Step size |');
    expect(train).toContain('fanin train model.json --epochs 5');
    expect(train).toContain('`npx @fanin/cli train`');
    expect(train).toContain('`npm i -g @fanin/cli`');
    const index = pages.find((page) => page.path === 'reference/cli/index.md')!.content;
    expect(index).toContain('npx @fanin/cli experiments');
    expect(renderCliPages([])).toEqual({ pages: [], items: [] });
  });
});

// @fanin/cli exports its command table as data; the docs render it once the CLI is a docs
// dependency. Its source is read here directly so that the two stay compatible meanwhile.
const cliIndex = join(REPO_ROOT, 'apps', 'cli', 'src', 'index.ts');
describe.runIf(existsSync(cliIndex))('CLI pages from the real @fanin/cli command table', () => {
  it('renders every command with its flags, defaults and examples', async () => {
    const cli: {
      commands?: readonly {
        name: string;
        summary?: string;
        examples: readonly string[];
        options: Record<string, { short?: string }>;
      }[];
    } = await import(pathToFileURL(cliIndex).href);
    expect(cli.commands, '@fanin/cli no longer exports `commands`').toBeDefined();
    const { pages, items } = renderCliPages(cli.commands);
    expect(items.map((item) => item.text)).toEqual(
      cli.commands!.map((command) => `fanin ${command.name}`),
    );
    for (const command of cli.commands!) {
      const page = pages.find(
        (candidate) => candidate.path === `reference/cli/${kebabCase(command.name)}.md`,
      )!.content;
      if (command.summary) expect(page).toContain(escapeText(command.summary));
      for (const example of command.examples) expect(page).toContain(example);
      for (const [name, spec] of Object.entries(command.options)) {
        expect(page).toContain(`\`${flagName(name)}\``);
        if (spec.short) expect(page).toContain(`\`-${spec.short}\``);
      }
    }
  });
});

describe('experiment pages', () => {
  const experiments = {
    tinyExperiment: {
      name: 'tinyExperiment',
      description: 'An experiment of nothing much',
      options: { samples: option.integer({ description: 'Samples drawn', default: 1000, min: 1 }) },
      light: true,
      quick: { samples: 10 },
      run: async () => ({}),
    },
  };

  it('recognizes a table of experiments', () => {
    expect(isExperimentTable(experiments)).toBe(true);
    expect(isExperimentTable({ a: { name: 'a' } })).toBe(false);
    expect(isExperimentTable({})).toBe(false);
  });

  it('renders each experiment with its options, quick config and schema', () => {
    const { pages, entries } = renderExperimentPages(
      experiments,
      '@fanin/experiments',
      'experiments',
      core.optionsJsonSchema,
    );
    expect(entries).toEqual([
      { name: 'tinyExperiment', link: '/reference/experiments/tiny-experiment' },
    ]);
    const content = pages.find(
      (page) => page.path === 'reference/experiments/tiny-experiment.md',
    )!.content;
    expect(content).toContain('await experiments.tinyExperiment.run({ samples: 10 }, {');
    expect(content).toContain('| `samples` | `1000` | an integer &gt;= 1 | Samples drawn |');
    expect(content).toContain('**Light enough for a browser tab:** yes');
  });
});

describe('availability of demo pages', () => {
  const directory = mkdtempSync(join(tmpdir(), 'fanin-docs-availability-'));
  mkdirSync(join(directory, 'src', 'parts'), { recursive: true });
  writeFileSync(
    join(directory, 'src', 'index.ts'),
    [
      "export { alpha, beta as gamma, type Delta } from './parts/a.js';",
      "export * from './parts/b.js';",
      "export * as tf from '@tensorflow/tfjs-core';",
      'export const answer = 42;',
      '// export const commented = 1;',
      'export async function train() {}',
    ].join('\n'),
  );
  writeFileSync(
    join(directory, 'src', 'parts', 'b.ts'),
    'export class Model {}\nexport interface Shape {}\n',
  );
  const pkg = (name: string, landed: boolean): WorkspacePackage => ({
    name,
    dir: directory,
    manifest: {},
    landed,
    entries: [
      {
        subpath: '.',
        name,
        source: join(directory, 'src', 'index.ts'),
        built: join(directory, 'dist', 'index.js'),
      },
    ],
  });

  it('reads the names a table of contents exports', () => {
    expect([...exportedNames(join(directory, 'src', 'index.ts'))].sort()).toEqual([
      'Delta',
      'Model',
      'Shape',
      'alpha',
      'answer',
      'gamma',
      'tf',
      'train',
    ]);
  });

  it('explains every unmet requirement', () => {
    const packages = [pkg('@fanin/core', true), pkg('@fanin/later', false)];
    expect(
      unmetRequirements(['@fanin/core', '@fanin/core#train', '@fanin/core#gamma'], packages),
    ).toEqual([]);
    expect(
      unmetRequirements(['@fanin/core#fit', '@fanin/later', '@fanin/absent'], packages),
    ).toEqual([
      '@fanin/core does not export fit yet',
      '@fanin/later has no src/index.ts with exports yet',
      '@fanin/absent is not a dependency of @fanin/docs',
    ]);
  });

  it('reads a page’s frontmatter', () => {
    const file = join(directory, 'page.md');
    writeFileSync(
      file,
      '---\ntitle: Lab\ndescription: "A lab"\nrequires: ["@fanin/core#fit"]\n---\n\n# Lab\n',
    );
    expect(pageFrontmatter(file)).toEqual({
      title: 'Lab',
      description: 'A lab',
      requires: ['@fanin/core#fit'],
    });
  });
});

describe('API pages', () => {
  it('escapes Vue mustaches outside code fences only', () => {
    expect(escapeMustaches('a {{ b }}\n```ts\nconst c = `{{`;\n```\n')).toBe(
      'a &#123;&#123; b &#125;&#125;\n```ts\nconst c = `{{`;\n```\n',
    );
  });
});
