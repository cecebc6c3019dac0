// Reference pages for every registry entry (activations, initializers, normalizations, and
// whatever other kinds the landed plugins provide), rendered from `registry.list(kind)`:
// names, aliases, descriptions, option schemas, metadata and JSON Schemas. Nothing here is
// written by hand, so the pages cannot disagree with the code.
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
} from './markdown.mjs';

/** Titles of the kinds, in the order fanin lists them. */
export const KIND_TITLES = {
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
const KIND_INTRODUCTIONS = {
  activation:
    'The non-linearities between layers. Each page gives the formula, the options, the properties the initializers read (range, gain, recommended initializer) and the config JSON Schema.',
  initializer:
    "How a parameter's first values are drawn. Random initializers draw from fanin's seeded stream, so the same seed gives the same bytes on every backend.",
  normalization: 'Layers that rescale activations to keep their distribution steady while a network trains.',
  layer: 'Building blocks that hold parameters and compose into models.',
  optimizer: 'Update rules that turn gradients into parameter steps.',
  loss: 'What training minimizes: a per-example loss averaged over the batch.',
  sampler: 'Strategies that propose the next trial of a hyperparameter search.',
  pruner: 'Rules that stop an unpromising trial early.',
  dataset: 'Data sources for training and the studies.',
  backend: 'The tfjs backends fanin can run on.',
};

/**
 * @typedef {object} PluginSource
 * @property {import('@fanin/core').Plugin} plugin
 * @property {string} packageName   e.g. "@fanin/activations"
 * @property {string} exportName    the binding users import, e.g. "activations"
 */

/**
 * @typedef {object} GeneratedPage
 * @property {string} path     relative to the site's srcDir, e.g. "reference/activations/leaky-relu.md"
 * @property {string} content
 */

/**
 * @typedef {object} KindSection
 * @property {string} kind
 * @property {string} title
 * @property {string} link       e.g. "/reference/activations/"
 * @property {{ name: string, link: string }[]} entries
 */

/** Directory of a kind under reference/, e.g. "activations". */
export function kindDirectory(core, kind) {
  return core.PLURAL[kind];
}

/** The URL of an entry's page. */
export function entryLink(core, kind, name) {
  return `/reference/${kindDirectory(core, kind)}/${kebabCase(name)}`;
}

/**
 * A valid example value for a required option without a default, read from its JSON Schema.
 * @param {Record<string, any>} schema
 */
export function exampleValue(schema) {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'number':
    case 'integer': {
      let value = 1;
      if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
      if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) value = schema.exclusiveMinimum + 1;
      if (typeof schema.maximum === 'number' && value > schema.maximum) value = schema.maximum;
      if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) value = (schema.exclusiveMaximum + (schema.exclusiveMinimum ?? schema.minimum ?? schema.exclusiveMaximum - 1)) / 2;
      return schema.type === 'integer' ? Math.ceil(value) : value;
    }
    case 'string':
      return 'value';
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 1;
      return Array.from({ length: count }, () => exampleValue(schema.items ?? {}));
    }
    default:
      return {};
  }
}

/**
 * The options shown in usage examples: every defaulted option at its default, and every
 * required option at a valid example value.
 * @param {import('@fanin/core').EntryInfo} info
 */
export function exampleOptions(info) {
  const properties = /** @type {Record<string, any>} */ (info.jsonSchema.properties ?? {});
  /** @type {Record<string, unknown>} */
  const options = {};
  for (const option of info.options) {
    if (option.default !== undefined) options[option.name] = option.default;
    else if (option.required) options[option.name] = exampleValue(properties[option.name] ?? {});
  }
  return options;
}

/** A JavaScript literal in the house style (single-quoted strings). */
export function jsLiteral(value) {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${jsLiteral(item)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function variableName(kind) {
  return { activation: 'activation', initializer: 'initializer', normalization: 'norm', layer: 'layer', optimizer: 'optimizer', loss: 'loss', sampler: 'sampler', pruner: 'pruner', dataset: 'dataset', backend: 'backend' }[kind] ?? 'entry';
}

function formatRange([low, high]) {
  return `${formatNumber(low)} to ${formatNumber(high)}`;
}

function yesNo(value) {
  return value ? 'yes' : 'no';
}

/**
 * The metadata rows shown for an entry: activations and initializers have known fields;
 * other kinds show their JSON-serializable metadata as is.
 * @param {any} core
 * @param {import('@fanin/core').Registry} registry
 * @param {import('@fanin/core').EntryInfo} info
 * @returns {[string, string][]}
 */
export function metadataRows(core, registry, info) {
  const metadata = /** @type {Record<string, any> | undefined} */ (info.metadata);
  if (!metadata) return [];
  /** @type {[string, string][]} */
  const rows = [];
  if (info.kind === 'activation') {
    rows.push(['Output range', escapeCell(formatRange(metadata.range))]);
    rows.push(['Zero-centered', yesNo(metadata.zeroCentered)]);
    rows.push(['Saturating', yesNo(metadata.saturating)]);
    rows.push(['Smooth', yesNo(metadata.smooth)]);
    rows.push(['Monotonic', yesNo(metadata.monotonic)]);
    rows.push(['Learnable parameters', yesNo(metadata.learnable)]);
    const gain = gainWithDefaults(registry, info);
    if (gain !== undefined) rows.push(['Gain (default options)', formatNumber(gain)]);
    if (metadata.recommendedInitializer) {
      const target = metadata.recommendedInitializer;
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
    for (const [key, value] of Object.entries(metadata)) {
      if (key === 'random' || key === 'distribution' || typeof value === 'function' || value === undefined) continue;
      rows.push([escapeCell(key), escapeCell(formatValue(value))]);
    }
    return rows;
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'function' || value === undefined) continue;
    rows.push([escapeCell(key), typeof value === 'boolean' ? yesNo(value) : escapeCell(formatValue(value))]);
  }
  return rows;
}

/**
 * The activation's gain (PyTorch's calculate_gain) at its default options, when it has one
 * and every option has a default.
 */
function gainWithDefaults(registry, info) {
  const metadata = /** @type {any} */ (info.metadata);
  if (typeof metadata?.gain !== 'function') return undefined;
  if (info.options.some((option) => option.required)) return undefined;
  const { options } = registry.validate(info.kind, info.name);
  const gain = metadata.gain(options);
  return typeof gain === 'number' && Number.isFinite(gain) ? gain : undefined;
}

/**
 * @param {import('@fanin/core').EntryInfo} info
 */
function optionsTable(info) {
  if (info.options.length === 0) return 'This entry has no options.';
  return table(
    ['Option', 'Type', 'Default', 'Accepts', 'Description'],
    info.options.map((option) => [
      inlineCode(option.name),
      escapeCell(option.type),
      option.default !== undefined ? inlineCode(formatValue(option.default)) : option.required ? '*required*' : '*optional*',
      escapeCell(option.expected),
      escapeCell(option.description),
    ]),
  );
}

/**
 * @param {any} core
 * @param {import('@fanin/core').Registry} registry
 * @param {import('@fanin/core').EntryInfo} info
 * @param {PluginSource} source
 * @param {{ plot?: string }} [extras]  extra sections (an activation's plot, as SVG markup)
 */
export function renderEntryPage(core, registry, info, source, extras = {}) {
  const options = exampleOptions(info);
  const hasOptions = Object.keys(options).length > 0;
  const method = info.kind;
  const call = hasOptions ? `fanin.${method}(${jsLiteral(info.name)}, ${jsLiteral(options)})` : `fanin.${method}(${jsLiteral(info.name)})`;
  const usage = [
    `import { createRegistry } from '@fanin/core';`,
    `import { ${source.exportName} } from '${source.packageName}';`,
    '',
    `const fanin = createRegistry({ plugins: [${source.exportName}] });`,
    `const ${variableName(info.kind)} = ${call};`,
  ].join('\n');
  const config = JSON.stringify({ type: info.name, ...options });
  const facts = [
    `**Kind:** ${info.kind}`,
    `**Package:** ${inlineCode(source.packageName)} (plugin ${inlineCode(source.exportName)})`,
    info.aliases.length > 0 ? `**Aliases:** ${info.aliases.map(inlineCode).join(', ')} (resolve to ${inlineCode(info.name)})` : undefined,
  ].filter(Boolean);
  const rows = metadataRows(core, registry, info);
  const sections = [
    frontmatter({ title: info.name, description: info.description, outline: 'deep' }),
    '',
    `# ${info.name}`,
    '',
    escapeText(info.description),
    '',
    facts.join(' · '),
    '',
  ];
  if (extras.plot) sections.push(extras.plot, '');
  sections.push('## Usage', '', codeBlock('ts', usage), '', 'In a config file (JSON), the same entry with every option spelled out:', '', codeBlock('json', config), '');
  sections.push('## Options', '', optionsTable(info), '');
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

/**
 * @param {any} core
 * @param {import('@fanin/core').Registry} registry
 * @param {string} kind
 * @param {import('@fanin/core').EntryInfo[]} infos
 * @param {Map<string, PluginSource>} sources  by plugin name
 */
export function renderKindIndex(core, registry, kind, infos, sources) {
  const title = KIND_TITLES[kind] ?? kind;
  const link = (info) => `[${inlineCode(info.name)}](${entryLink(core, kind, info.name)})`;
  const aliases = (info) => info.aliases.map(inlineCode).join(', ');
  const plugin = (info) => inlineCode(sources.get(info.plugin)?.packageName ?? info.plugin);
  let rows;
  let header;
  if (kind === 'activation') {
    header = ['Name', 'Description', 'Range', 'Recommended initializer'];
    rows = infos.map((info) => {
      const metadata = /** @type {any} */ (info.metadata ?? {});
      return [
        link(info),
        escapeCell(info.description),
        metadata.range ? escapeCell(formatRange(metadata.range)) : '',
        metadata.recommendedInitializer ? inlineCode(metadata.recommendedInitializer) : '',
      ];
    });
  } else {
    header = ['Name', 'Description', 'Aliases', 'Package'];
    rows = infos.map((info) => [link(info), escapeCell(info.description), aliases(info), plugin(info)]);
  }
  return [
    frontmatter({ title, description: KIND_INTRODUCTIONS[kind] }),
    '',
    `# ${title}`,
    '',
    escapeText(KIND_INTRODUCTIONS[kind] ?? ''),
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

/**
 * Every registry page for the given plugins.
 * @param {any} core  the loaded @fanin/core module
 * @param {PluginSource[]} pluginSources
 * @param {{ plotFor?: (info: import('@fanin/core').EntryInfo) => string | undefined }} [options]
 * @returns {{ pages: GeneratedPage[], sections: KindSection[] }}
 */
export function renderRegistryPages(core, pluginSources, options = {}) {
  const registry = core.createRegistry({ plugins: pluginSources.map((source) => source.plugin) });
  const sources = new Map(pluginSources.map((source) => [source.plugin.name, source]));
  /** @type {GeneratedPage[]} */
  const pages = [];
  /** @type {KindSection[]} */
  const sections = [];
  for (const kind of core.KINDS) {
    const infos = registry.list(kind);
    if (infos.length === 0) continue;
    const directory = kindDirectory(core, kind);
    pages.push({ path: `reference/${directory}/index.md`, content: renderKindIndex(core, registry, kind, infos, sources) });
    for (const info of infos) {
      const source = sources.get(info.plugin);
      if (!source) throw new Error(`no package is known for plugin "${info.plugin}"`);
      const plot = options.plotFor?.(info);
      pages.push({
        path: `reference/${directory}/${kebabCase(info.name)}.md`,
        content: renderEntryPage(core, registry, info, source, plot ? { plot } : {}),
      });
    }
    sections.push({
      kind,
      title: KIND_TITLES[kind] ?? kind,
      link: `/reference/${directory}/`,
      entries: infos.map((info) => ({ name: info.name, link: entryLink(core, kind, info.name) })),
    });
  }
  return { pages, sections };
}

/**
 * The plugins a loaded module exports: frozen objects with a string `name` and at least one
 * kind's entries. Returned with the binding name users import.
 * @param {any} core
 * @param {string} packageName
 * @param {Record<string, unknown>} moduleExports
 * @returns {PluginSource[]}
 */
export function findPlugins(core, packageName, moduleExports) {
  const plurals = new Set(Object.values(core.PLURAL));
  /** @type {PluginSource[]} */
  const found = [];
  for (const [exportName, value] of Object.entries(moduleExports)) {
    if (!value || typeof value !== 'object' || typeof (/** @type {any} */ (value).name) !== 'string') continue;
    const keys = Object.keys(value).filter((key) => key !== 'name');
    if (keys.length === 0 || !keys.every((key) => plurals.has(key))) continue;
    found.push({ plugin: /** @type {any} */ (value), packageName, exportName });
  }
  return found;
}
