// Reference pages for the classic studies, from the `studies` table @fanin/experiments exports:
// each study's name, description, options (declared once with `option.*`), quick config and
// JSON Schema.
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

/** The shape of a study definition, as far as the docs read it. */
export interface StudyDeclaration {
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Whether its defaults run in a few seconds in a browser tab. */
  readonly light: boolean;
  /** A small config for a quick look. */
  readonly quick: Readonly<Record<string, unknown>>;
}

/**
 * Whether a value is a table of study definitions: a record (not an array) of
 * `{ name, description, options, light, quick, run }`. The CLI's `commands` also have a name,
 * a description, options and `run`, but they are an array without `light` or `quick`: they
 * are not studies and get pages of their own under reference/cli/.
 */
export function isStudyTable(value: unknown): value is Readonly<Record<string, StudyDeclaration>> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    entries.every((study) => {
      if (!study || typeof study !== 'object') return false;
      const candidate = study as Record<string, unknown>;
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

export function studyLink(name: string): string {
  return `/reference/studies/${kebabCase(name)}`;
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
    ? 'This study has no options.'
    : table(['Option', 'Default', 'Accepts', 'Description'], rows);
}

/**
 * Whether the study's quick run (its usage sample) loads MNIST, which needs the `mnist`
 * package (an optional peer of @fanin/datasets).
 */
export function loadsMnist(study: StudyDeclaration): boolean {
  const dataset = study.quick.dataset ?? study.options.dataset?.default;
  const name =
    typeof dataset === 'string' ? dataset : (dataset as { type?: unknown } | undefined)?.type;
  return name === 'mnist';
}

/** The page of one study. `optionsJsonSchema` is @fanin/core's; `install` the npm line its sample needs. */
export function renderStudyPage(
  study: StudyDeclaration,
  packageName: string,
  exportName: string,
  optionsJsonSchema: (shape: StudyDeclaration['options']) => JsonSchema,
  install?: string,
): string {
  const usage = [
    `import { ${exportName} } from '${packageName}';`,
    '',
    `const result = await ${exportName}.${study.name}.run(${jsLiteral(study.quick)}, {`,
    '  onProgress: (event) => console.log(event.stage, event.done, event.total, event.message),',
    '});',
    'result.plots; // Vega-Lite v5 specs with their data inlined',
  ].join('\n');
  return [
    frontmatter({ title: study.name, description: study.description }),
    '',
    `# ${study.name}`,
    '',
    escapeText(study.description),
    '',
    `**Package:** ${inlineCode(packageName)} · **Light enough for a browser tab:** ${study.light ? 'yes' : 'no, run it in Node'}`,
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
    optionsTable(study.options),
    '',
    '## JSON Schema',
    '',
    codeBlock('json', JSON.stringify(optionsJsonSchema(study.options), null, 2)),
    '',
  ].join('\n');
}

/** The studies index and one page per study. */
export function renderStudyPages(
  table_: Readonly<Record<string, StudyDeclaration>>,
  packageName: string,
  exportName: string,
  optionsJsonSchema: (shape: StudyDeclaration['options']) => JsonSchema,
  options: {
    /** The install line of a sample importing these packages (and `mnist` when it loads MNIST). */
    installFor?: (packages: readonly string[]) => string;
  } = {},
): { pages: GeneratedPage[]; entries: { name: string; link: string }[] } {
  const list = Object.values(table_);
  const index = [
    frontmatter({
      title: 'Studies',
      description:
        'The classic experiments of deep-network training, as functions of a JSON config.',
    }),
    '',
    '# Studies',
    '',
    `The classic experiments, each a function of a JSON config that returns plain data and Vega-Lite plots (${inlineCode(packageName)}). The [live demos](/demos/) run some of them in your browser.`,
    '',
    table(
      ['Study', 'Description', 'Browser'],
      list.map((study) => [
        `[${inlineCode(study.name)}](${studyLink(study.name)})`,
        escapeCell(study.description),
        study.light ? 'yes' : 'Node',
      ]),
    ),
    '',
  ].join('\n');
  return {
    pages: [
      { path: 'reference/studies/index.md', content: index },
      ...list.map((study) => ({
        path: `reference/studies/${kebabCase(study.name)}.md`,
        content: renderStudyPage(
          study,
          packageName,
          exportName,
          optionsJsonSchema,
          options.installFor?.(loadsMnist(study) ? [packageName, 'mnist'] : [packageName]),
        ),
      })),
    ],
    entries: list.map((study) => ({ name: study.name, link: studyLink(study.name) })),
  };
}
