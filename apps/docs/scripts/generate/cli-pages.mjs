// The CLI reference, rendered from the command declarations `@fanin/cli` exports as data
// (`export const commands`). Options may be fanin option specs (`option.*`, with `type`,
// `description`, `default`, `expected`, `presence`) or plain objects with the same fields plus
// an optional `alias`/`short`. Commands are a record by name or an array with `name`.
import { codeBlock, escapeCell, escapeText, formatValue, frontmatter, inlineCode, kebabCase, table } from './markdown.mjs';

/**
 * @typedef {object} CliOption
 * @property {string} name
 * @property {string} type
 * @property {string} description
 * @property {unknown} default
 * @property {boolean} required
 * @property {string | undefined} expected
 * @property {string[]} aliases
 */

/**
 * @typedef {object} CliCommand
 * @property {string} name
 * @property {string} description
 * @property {{ name: string, description: string, required: boolean }[]} positionals
 * @property {CliOption[]} options
 * @property {string[]} examples
 */

function asList(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The long flag for an option name: camelCase → --kebab-case. */
export function flagName(name) {
  return `--${kebabCase(name)}`;
}

/**
 * Normalizes an option declaration.
 * @param {string} name
 * @param {any} spec
 * @returns {CliOption}
 */
function normalizeOption(name, spec) {
  const presence = spec.presence ?? (spec.required ? 'required' : spec.default !== undefined ? 'defaulted' : 'optional');
  return {
    name,
    type: String(spec.type ?? 'string'),
    description: String(spec.description ?? ''),
    default: spec.default,
    required: presence === 'required',
    expected: typeof spec.expected === 'string' ? spec.expected : undefined,
    aliases: [...asList(spec.alias), ...asList(spec.short), ...asList(spec.aliases)].map(String),
  };
}

/**
 * Normalizes the exported `commands` value into a sorted list.
 * @param {unknown} commands
 * @returns {CliCommand[]}
 */
export function normalizeCommands(commands) {
  const list = Array.isArray(commands)
    ? commands
    : Object.entries(/** @type {Record<string, any>} */ (commands ?? {})).map(([name, command]) => ({ name, ...command }));
  return list
    .map((command) => {
      const options = command.options ?? {};
      const optionList = Array.isArray(options)
        ? options.map((option) => normalizeOption(option.name, option))
        : Object.entries(options).map(([name, spec]) => normalizeOption(name, spec));
      const positionals = asList(command.positionals ?? command.arguments).map((argument) =>
        typeof argument === 'string'
          ? { name: argument, description: '', required: true }
          : { name: String(argument.name), description: String(argument.description ?? ''), required: argument.required !== false && !argument.optional },
      );
      return {
        name: String(command.name),
        description: String(command.description ?? ''),
        positionals,
        options: optionList,
        examples: asList(command.examples).map(String),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * @param {string} binary  e.g. "fanin"
 * @param {CliCommand} command
 */
function synopsis(binary, command) {
  const words = [binary, ...command.name.split(/\s+/)];
  for (const positional of command.positionals) words.push(positional.required ? `<${positional.name}>` : `[${positional.name}]`);
  if (command.options.length > 0) words.push('[options]');
  return words.join(' ');
}

/**
 * The CLI reference pages: an index and one page per command.
 * @param {unknown} commands  the `commands` export of @fanin/cli
 * @param {{ binary?: string }} [options]
 * @returns {{ pages: { path: string, content: string }[], items: { text: string, link: string }[] }}
 */
export function renderCliPages(commands, options = {}) {
  const binary = options.binary ?? 'fanin';
  const list = normalizeCommands(commands);
  if (list.length === 0) return { pages: [], items: [] };
  const slug = (command) => kebabCase(command.name);
  const pages = list.map((command) => {
    const sections = [
      frontmatter({ title: `${binary} ${command.name}`, description: command.description }),
      '',
      `# ${binary} ${escapeText(command.name)}`,
      '',
      escapeText(command.description),
      '',
      codeBlock('sh', synopsis(binary, command)),
      '',
    ];
    if (command.positionals.length > 0) {
      sections.push(
        '## Arguments',
        '',
        table(
          ['Argument', 'Required', 'Description'],
          command.positionals.map((positional) => [inlineCode(positional.name), positional.required ? 'yes' : 'no', escapeCell(positional.description)]),
        ),
        '',
      );
    }
    if (command.options.length > 0) {
      sections.push(
        '## Options',
        '',
        table(
          ['Flag', 'Type', 'Default', 'Description'],
          command.options.map((option) => [
            [flagName(option.name), ...option.aliases.map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`))].map(inlineCode).join(', '),
            escapeCell(option.expected ?? option.type),
            option.default !== undefined ? inlineCode(formatValue(option.default)) : option.required ? '*required*' : '',
            escapeCell(option.description),
          ]),
        ),
        '',
      );
    }
    if (command.examples.length > 0) sections.push('## Examples', '', codeBlock('sh', command.examples.join('\n')), '');
    return { path: `reference/cli/${slug(command)}.md`, content: sections.join('\n') };
  });
  const index = [
    frontmatter({ title: 'CLI', description: `Every ${binary} command and its options.` }),
    '',
    '# CLI',
    '',
    `Every ${inlineCode(binary)} command, generated from the option declarations the CLI itself parses with.`,
    '',
    table(
      ['Command', 'Description'],
      list.map((command) => [`[${inlineCode(`${binary} ${command.name}`)}](/reference/cli/${slug(command)})`, escapeCell(command.description)]),
    ),
    '',
  ].join('\n');
  return {
    pages: [{ path: 'reference/cli/index.md', content: index }, ...pages],
    items: list.map((command) => ({ text: `${binary} ${command.name}`, link: `/reference/cli/${slug(command)}` })),
  };
}
