import { closestMatch, type EntryInfo, KINDS, type Kind, PLURAL } from '@fanin/core';
import { defineCommand } from '../cli/command.js';
import { outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { formatTable, formatValue } from '../output/table.js';
import { cliRegistry } from '../registry.js';

function kindOf(word: string): Kind {
  if ((KINDS as readonly string[]).includes(word)) return word as Kind;
  const singular = Object.entries(PLURAL).find(([, plural]) => plural === word)?.[0];
  if (singular) return singular as Kind;
  const suggestion = closestMatch(word, [...KINDS, ...Object.values(PLURAL)]);
  throw new UsageError(
    `fanin list: unknown kind "${word}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Kinds: ${KINDS.join(', ')}`,
  );
}

function optionSummary(info: EntryInfo): string {
  return info.options
    .map((option) =>
      option.required
        ? `${option.name} (required)`
        : option.default === undefined
          ? `${option.name}?`
          : `${option.name}=${formatValue(option.default)}`,
    )
    .join(', ');
}

function entryJson(info: EntryInfo) {
  const { metadata, ...rest } = info;
  const plain =
    metadata === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(metadata).filter(([, value]) => typeof value !== 'function'),
        );
  return { ...rest, ...(plain ? { metadata: plain } : {}) };
}

function entryDetail(info: EntryInfo): string {
  const lines = [`${info.kind} "${info.name}" (${info.plugin})`, '', info.description];
  if (info.aliases.length > 0) lines.push('', `Aliases: ${info.aliases.join(', ')}`);
  lines.push('');
  if (info.options.length === 0) lines.push('Options: none');
  else
    lines.push(
      'Options:',
      formatTable(info.options, [
        { header: 'option', value: (option) => option.name },
        { header: 'accepts', value: (option) => option.expected, maxWidth: 40 },
        {
          header: 'default',
          value: (option) => (option.required ? '(required)' : formatValue(option.default)),
        },
        { header: 'description', value: (option) => option.description },
      ]),
    );
  const metadata = entryJson(info).metadata;
  if (metadata && Object.keys(metadata).length > 0) {
    lines.push('', 'Properties:');
    for (const [key, value] of Object.entries(metadata))
      lines.push(`  ${key}: ${formatValue(value)}`);
  }
  lines.push(
    '',
    `Config: ${JSON.stringify({ type: info.name, ...Object.fromEntries(info.options.filter((o) => !o.required && o.default !== undefined).map((o) => [o.name, o.default])) })}`,
  );
  return lines.join('\n');
}

/** `fanin list [kind] [name]`: the registry's entries with descriptions and options. */
export const list = defineCommand({
  name: 'list',
  summary:
    'List every registered activation, initializer, normalization, optimizer, loss, sampler, pruner, dataset and backend',
  description:
    'Lists the entries of every registered plugin with their descriptions and options (name=default). Give a kind ("activation" or "activations") to list one kind, and a name to see one entry in full: every option with what it accepts, its default and description, and its properties. These are the names model, sweep and experiment configs accept.',
  positionals: [
    { name: 'kind', description: `One kind: ${KINDS.join(', ')}`, required: false },
    { name: 'name', description: 'One entry of that kind, shown in full', required: false },
  ],
  options: { ...outputOptions },
  examples: [
    'fanin list',
    'fanin list activation',
    'fanin list initializer heNormal',
    'fanin list optimizer --json',
  ],
  async run({ positionals, output }) {
    const registry = cliRegistry();
    if (positionals.kind === undefined) {
      const entries = registry.list();
      output.result(entries.map(entryJson));
      output.text(
        formatTable(entries, [
          { header: 'kind', value: (info) => info.kind },
          { header: 'name', value: (info) => info.name },
          { header: 'options', value: optionSummary, maxWidth: 48 },
          { header: 'description', value: (info) => info.description, maxWidth: 90 },
        ]),
      );
      return 0;
    }
    const kind = kindOf(positionals.kind);
    if (positionals.name !== undefined) {
      const info = registry.info(kind, positionals.name);
      output.result(entryJson(info));
      output.text(entryDetail(info));
      return 0;
    }
    const entries = registry.list(kind);
    output.result(entries.map(entryJson));
    output.text(
      formatTable(entries, [
        { header: 'name', value: (info) => info.name },
        { header: 'aliases', value: (info) => info.aliases.join(', ') },
        { header: 'options', value: optionSummary, maxWidth: 60 },
        { header: 'description', value: (info) => info.description, maxWidth: 100 },
      ]),
    );
    return 0;
  },
});
