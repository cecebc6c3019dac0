// Reference pages for every registry entry (activations, initializers, normalizations, and
// whatever other kinds the landed plugins provide), rendered from `registry.list(kind)`:
// names, aliases, descriptions, option schemas, metadata and JSON Schemas. Nothing here is
// written by hand, so the pages cannot disagree with the code.
import type { EntryInfo, Kind, Plugin, Registry } from '@fanin/core';
import {
  codeBlock,
  escapeCell,
  escapeText,
  formatNumber,
  formatValue,
  frontmatter,
  inlineCode,
  kebabCase,
  table,
} from './markdown.js';

/** The parts of @fanin/core the generator uses (the built module, loaded at build time). */
export interface CoreModule {
  readonly KINDS: readonly Kind[];
  readonly PLURAL: Readonly<Record<Kind, string>>;
  createRegistry(options: { plugins: readonly Plugin[] }): Registry;
}

/** Titles of the kinds, in the order fanin lists them. */
export const KIND_TITLES: Readonly<Record<Kind, string>> = {
  activation: 'Activations',
  initializer: 'Initializers',
  normalization: 'Normalizations',
  layer: 'Layers',
  optimizer: 'Optimizers',
  loss: 'Losses',
  sampler: 'Samplers',
  pruner: 'Pruners',
  dataset: 'Datasets',
  backend: 'Backends',
};

/** Lead paragraph of each kind's index page. */
const KIND_INTRODUCTIONS: Readonly<Record<Kind, string>> = {
  activation:
    'The non-linearities between layers. Each page gives the formula, the options, the properties the initializers read (range, gain, recommended initializer) and the config JSON Schema.',
  initializer:
    "How a parameter's first values are drawn. Random initializers draw from fanin's seeded stream, so the same seed gives the same bytes on every backend.",
  normalization:
    'Layers that rescale activations to keep their distribution steady while a network trains.',
  layer: 'Building blocks that hold parameters and compose into models.',
  optimizer: 'Update rules that turn gradients into parameter steps.',
  loss: 'What training minimizes: a per-example loss averaged over the batch.',
  sampler: 'Strategies that propose the next trial of a hyperparameter search.',
  pruner: 'Rules that stop an unpromising trial early.',
  dataset: 'Data sources for training and the experiments.',
  backend: 'The tfjs backends fanin can run on.',
};

/** A plugin and where users import it from. */
export interface PluginSource {
  readonly plugin: Plugin;
  /** e.g. "@fanin/activations" */
  readonly packageName: string;
  /** The binding users import, e.g. "activations". */
  readonly exportName: string;
}

export interface GeneratedPage {
  /** Relative to the site's source root, e.g. "reference/activations/leaky-relu.md". */
  readonly path: string;
  readonly content: string;
}

export interface KindSection {
  readonly kind: Kind;
  readonly title: string;
  /** e.g. "/reference/activations/" */
  readonly link: string;
  readonly entries: readonly { readonly name: string; readonly link: string }[];
}

type JsonSchemaNode = Record<string, unknown>;

/** The URL of an entry's page. */
export function entryLink(core: CoreModule, kind: Kind, name: string): string {
  return `/reference/${core.PLURAL[kind]}/${kebabCase(name)}`;
}

/** A valid example value for a required option without a default, read from its JSON Schema. */
export function exampleValue(schema: JsonSchemaNode): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const number = (key: string) =>
    typeof schema[key] === 'number' ? (schema[key] as number) : undefined;
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'number':
    case 'integer': {
      let value = 1;
      const minimum = number('minimum');
      const exclusiveMinimum = number('exclusiveMinimum');
      const maximum = number('maximum');
      const exclusiveMaximum = number('exclusiveMaximum');
      if (minimum !== undefined) value = Math.max(value, minimum);
      if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + 1;
      if (maximum !== undefined && value > maximum) value = maximum;
      if (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
        value = (exclusiveMaximum + (exclusiveMinimum ?? minimum ?? exclusiveMaximum - 1)) / 2;
      return schema.type === 'integer' ? Math.ceil(value) : value;
    }
    case 'string':
      return 'value';
    case 'array': {
      const count = number('minItems') ?? 1;
      return Array.from({ length: count }, () =>
        exampleValue((schema.items as JsonSchemaNode | undefined) ?? {}),
      );
    }
    default:
      return {};
  }
}

/**
 * The options shown in usage examples: every defaulted option at its default, and every
 * required option at a valid example value.
 */
export function exampleOptions(info: EntryInfo): Record<string, unknown> {
  const properties = (info.jsonSchema.properties ?? {}) as Record<string, JsonSchemaNode>;
  const options: Record<string, unknown> = {};
  for (const option of info.options) {
    if (option.default !== undefined) options[option.name] = option.default;
    else if (option.required) options[option.name] = exampleValue(properties[option.name] ?? {});
  }
  return options;
}

/** A JavaScript literal in the house style (single-quoted strings). */
export function jsLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(', ')}]`;
  const entries = Object.entries(value).map(
    ([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : jsLiteral(key)}: ${jsLiteral(item)}`,
  );
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

const VARIABLE_NAMES: Readonly<Record<Kind, string>> = {
  activation: 'activation',
  initializer: 'initializer',
  normalization: 'norm',
  layer: 'layer',
  optimizer: 'optimizer',
  loss: 'loss',
  sampler: 'sampler',
  pruner: 'pruner',
  dataset: 'dataset',
  backend: 'backend',
};

function formatRange([low, high]: readonly [number, number]): string {
  return `${formatNumber(low)} to ${formatNumber(high)}`;
}

function yesNo(value: unknown): string {
  return value ? 'yes' : 'no';
}

/**
 * The metadata rows shown for an entry: activations and initializers have known fields;
 * other kinds show their JSON-serializable metadata as is.
 */
export function metadataRows(
  core: CoreModule,
  registry: Registry,
  info: EntryInfo,
): [string, string][] {
  const metadata = info.metadata as Record<string, unknown> | undefined;
  if (!metadata) return [];
  const rows: [string, string][] = [];
  if (info.kind === 'activation') {
    const activation = (info as EntryInfo<'activation'>).metadata!;
    rows.push(['Output range', escapeCell(formatRange(activation.range))]);
    rows.push(['Zero-centered', yesNo(activation.zeroCentered)]);
    rows.push(['Saturating', yesNo(activation.saturating)]);
    rows.push(['Smooth', yesNo(activation.smooth)]);
    rows.push(['Monotonic', yesNo(activation.monotonic)]);
    rows.push(['Learnable parameters', yesNo(activation.learnable)]);
    const gain = gainWithDefaults(registry, info as EntryInfo<'activation'>);
    if (gain !== undefined) rows.push(['Gain (default options)', formatNumber(gain)]);
    const target = activation.recommendedInitializer;
    if (target) {
      const linked = registry.has('initializer', target)
        ? `[${inlineCode(registry.canonicalName('initializer', target))}](${entryLink(core, 'initializer', registry.canonicalName('initializer', target))})`
        : inlineCode(target);
      rows.push(['Recommended initializer', linked]);
    }
    return rows;
  }
  if (info.kind === 'initializer') {
    rows.push(['Random', metadata.random ? 'yes (seeded stream)' : 'no']);
    rows.push(['Distribution', escapeCell(metadata.distribution)]);
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (info.kind === 'initializer' && (key === 'random' || key === 'distribution')) continue;
    if (typeof value === 'function' || value === undefined) continue;
    rows.push([escapeCell(key), metadataValue(value)]);
  }
  return rows;
}

/** A metadata value in a table cell: yes/no, a number, a list of code items, or JSON. */
function metadataValue(value: unknown): string {
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return escapeCell(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value
      .map((item) => inlineCode(typeof item === 'string' ? item : formatValue(item)))
      .join(', ');
  }
  return inlineCode(JSON.stringify(value));
}

/**
 * The activation's gain (PyTorch's calculate_gain) at its default options, when every
 * option has a default.
 */
function gainWithDefaults(registry: Registry, info: EntryInfo<'activation'>): number | undefined {
  const gain = info.metadata?.gain;
  if (typeof gain !== 'function' || info.options.some((option) => option.required))
    return undefined;
  const value = gain(registry.validate(info.kind, info.name).options);
  return Number.isFinite(value) ? value : undefined;
}

function optionsTable(info: EntryInfo): string {
  if (info.options.length === 0) return 'This entry has no options.';
  return table(
    ['Option', 'Type', 'Default', 'Accepts', 'Description'],
    info.options.map((option) => [
      inlineCode(option.name),
      escapeCell(option.type),
      option.default !== undefined
        ? inlineCode(formatValue(option.default))
        : option.required
          ? '*required*'
          : '*optional*',
      escapeCell(option.expected),
      escapeCell(option.description),
    ]),
  );
}

/**
 * The page of one entry. `plot` is extra markup shown under the description (an activation's
 * SVG); `install` the npm line its usage sample needs.
 */
export function renderEntryPage(
  core: CoreModule,
  registry: Registry,
  info: EntryInfo,
  source: PluginSource,
  plot?: string,
  install?: string,
): string {
  const options = exampleOptions(info);
  const call =
    Object.keys(options).length > 0
      ? `fanin.${info.kind}(${jsLiteral(info.name)}, ${jsLiteral(options)})`
      : `fanin.${info.kind}(${jsLiteral(info.name)})`;
  const usage = [
    `import { createRegistry } from '@fanin/core';`,
    `import { ${source.exportName} } from '${source.packageName}';`,
    '',
    `const fanin = createRegistry({ plugins: [${source.exportName}] });`,
    `const ${VARIABLE_NAMES[info.kind]} = ${call};`,
  ].join('\n');
  const facts = [
    `**Kind:** ${info.kind}`,
    `**Package:** ${inlineCode(source.packageName)} (plugin ${inlineCode(source.exportName)})`,
    info.aliases.length > 0
      ? `**Aliases:** ${info.aliases.map(inlineCode).join(', ')} (resolve to ${inlineCode(info.name)})`
      : undefined,
  ].filter((fact) => fact !== undefined);
  const rows = metadataRows(core, registry, info);
  const sections = [
    frontmatter({ title: info.name, description: info.description }),
    '',
    `# ${info.name}`,
    '',
    escapeText(info.description),
    '',
    facts.join(' · '),
    '',
  ];
  if (plot) sections.push(plot, '');
  sections.push('## Usage', '');
  if (install) sections.push(codeBlock('sh', install), '');
  sections.push(
    codeBlock('ts', usage),
    '',
    'In a config file (JSON), the same entry with every option spelled out:',
    '',
    codeBlock('json', JSON.stringify({ type: info.name, ...options }, null, 2)),
    '',
    '## Options',
    '',
    optionsTable(info),
    '',
  );
  if (rows.length > 0) sections.push('## Properties', '', table(['Property', 'Value'], rows), '');
  sections.push(
    '## JSON Schema',
    '',
    `The schema a config object for ${inlineCode(info.name)} must satisfy (used by config files, the CLI and editors):`,
    '',
    codeBlock('json', JSON.stringify(info.jsonSchema, null, 2)),
    '',
  );
  return sections.join('\n');
}

/** The index page of a kind: every entry with its description. */
export function renderKindIndex(
  core: CoreModule,
  kind: Kind,
  infos: readonly EntryInfo[],
  sources: ReadonlyMap<string, PluginSource>,
): string {
  const title = KIND_TITLES[kind];
  const link = (info: EntryInfo) =>
    `[${inlineCode(info.name)}](${entryLink(core, kind, info.name)})`;
  let header: string[];
  let rows: string[][];
  if (kind === 'activation') {
    header = ['Name', 'Description', 'Range', 'Recommended initializer'];
    rows = infos.map((info) => {
      const metadata = (info as EntryInfo<'activation'>).metadata;
      return [
        link(info),
        escapeCell(info.description),
        metadata ? escapeCell(formatRange(metadata.range)) : '',
        metadata?.recommendedInitializer ? inlineCode(metadata.recommendedInitializer) : '',
      ];
    });
  } else {
    header = ['Name', 'Description', 'Aliases', 'Package'];
    rows = infos.map((info) => [
      link(info),
      escapeCell(info.description),
      info.aliases.map(inlineCode).join(', '),
      inlineCode(sources.get(info.plugin)?.packageName ?? info.plugin),
    ]);
  }
  return [
    frontmatter({ title, description: KIND_INTRODUCTIONS[kind] }),
    '',
    `# ${title}`,
    '',
    escapeText(KIND_INTRODUCTIONS[kind]),
    '',
    `${infos.length} ${infos.length === 1 ? 'entry' : 'entries'}, listed by ${inlineCode(`registry.list('${kind}')`)}.`,
    '',
    table(header, rows),
    '',
    '## Config schema',
    '',
    `A reference to any ${kind} in a config file is a name or an object with ${inlineCode('type')} and options; ${inlineCode(`registry.configSchema('${kind}')`)} gives the JSON Schema (aliases included).`,
    '',
  ].join('\n');
}

/** Every registry page for the given plugins, and the sidebar sections. */
export function renderRegistryPages(
  core: CoreModule,
  pluginSources: readonly PluginSource[],
  options: {
    plotFor?: (info: EntryInfo, registry: Registry) => string | undefined;
    /** The install line of an entry's sample, which imports these packages. */
    installFor?: (packages: readonly string[], info: EntryInfo) => string;
  } = {},
): { pages: GeneratedPage[]; sections: KindSection[] } {
  const registry = core.createRegistry({ plugins: pluginSources.map((source) => source.plugin) });
  const sources = new Map(pluginSources.map((source) => [source.plugin.name, source]));
  const pages: GeneratedPage[] = [];
  const sections: KindSection[] = [];
  for (const kind of core.KINDS) {
    const infos = registry.list(kind) as EntryInfo[];
    if (infos.length === 0) continue;
    const directory = core.PLURAL[kind];
    pages.push({
      path: `reference/${directory}/index.md`,
      content: renderKindIndex(core, kind, infos, sources),
    });
    for (const info of infos) {
      const source = sources.get(info.plugin);
      if (!source) throw new Error(`no package is known for plugin "${info.plugin}"`);
      pages.push({
        path: `reference/${directory}/${kebabCase(info.name)}.md`,
        content: renderEntryPage(
          core,
          registry,
          info,
          source,
          options.plotFor?.(info, registry),
          options.installFor?.(['@fanin/core', source.packageName], info),
        ),
      });
    }
    sections.push({
      kind,
      title: KIND_TITLES[kind],
      link: `/reference/${directory}/`,
      entries: infos.map((info) => ({ name: info.name, link: entryLink(core, kind, info.name) })),
    });
  }
  return { pages, sections };
}

/**
 * The plugins a loaded module exports: objects with a string `name` and only kind keys
 * besides it. Returned with the binding name users import.
 */
export function findPlugins(
  core: CoreModule,
  packageName: string,
  moduleExports: Record<string, unknown>,
): PluginSource[] {
  const plurals = new Set(Object.values(core.PLURAL));
  const found: PluginSource[] = [];
  for (const [exportName, value] of Object.entries(moduleExports)) {
    if (
      !value ||
      typeof value !== 'object' ||
      typeof (value as { name?: unknown }).name !== 'string'
    )
      continue;
    const keys = Object.keys(value).filter((key) => key !== 'name');
    if (keys.length === 0 || !keys.every((key) => plurals.has(key))) continue;
    found.push({ plugin: value as Plugin, packageName, exportName });
  }
  return found;
}
