// The CLI reference, rendered from the command declarations `@fanin/cli` exports as data
// (`export const commands`). Options may be fanin option specs (`option.*`, with `type`,
// `description`, `default`, `expected`, `presence`) or plain objects with the same fields plus
// an optional `alias`/`short`. Commands are a record by name or an array with `name`.
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

export interface CliOption {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly default: unknown;
  readonly required: boolean;
  readonly expected: string | undefined;
  readonly aliases: readonly string[];
}

export interface CliCommand {
  readonly name: string;
  /** One line, for tables (the description's first sentence when none is declared). */
  readonly summary: string;
  readonly description: string;
  readonly positionals: readonly {
    readonly name: string;
    readonly description: string;
    readonly required: boolean;
  }[];
  readonly options: readonly CliOption[];
  readonly examples: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: command declarations are read defensively, field by field.
type Declaration = any;

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The long flag for an option name: camelCase → --kebab-case. */
export function flagName(name: string): string {
  return `--${kebabCase(name)}`;
}

/** Normalizes an option declaration. */
function normalizeOption(name: string, spec: Declaration): CliOption {
  const presence =
    spec.presence ??
    (spec.required ? 'required' : spec.default !== undefined ? 'defaulted' : 'optional');
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

/** Normalizes the exported `commands` value into a list, in the declared order (as `--help` lists them). */
export function normalizeCommands(commands: unknown): CliCommand[] {
  const list: Declaration[] = Array.isArray(commands)
    ? commands
    : Object.entries((commands ?? {}) as Record<string, Declaration>).map(([name, command]) => ({
        name,
        ...command,
      }));
  return list.map((command) => {
    const options = command.options ?? {};
    const optionList = Array.isArray(options)
      ? options.map((option: Declaration) => normalizeOption(option.name, option))
      : Object.entries(options).map(([name, spec]) => normalizeOption(name, spec));
    const positionals = asList(command.positionals ?? command.arguments).map(
      (argument: Declaration) =>
        typeof argument === 'string'
          ? { name: argument, description: '', required: true }
          : {
              name: String(argument.name),
              description: String(argument.description ?? ''),
              required: argument.required !== false && !argument.optional,
            },
    );
    const description = String(command.description ?? command.summary ?? '');
    return {
      name: String(command.name),
      summary: String(command.summary ?? description.split(/(?<=\.)\s/)[0] ?? ''),
      description,
      positionals,
      options: optionList,
      examples: asList(command.examples).map(String),
    };
  });
}

/** `fanin train <config> [options]` */
function synopsis(binary: string, command: CliCommand): string {
  const words = [binary, ...command.name.split(/\s+/)];
  for (const positional of command.positionals)
    words.push(positional.required ? `<${positional.name}>` : `[${positional.name}]`);
  if (command.options.length > 0) words.push('[options]');
  return words.join(' ');
}

/**
 * How to run a command as written: with npx from its package (npm resolves a bare
 * `npx fanin` to an unrelated package of that name), or as `fanin` once installed globally.
 */
export function runningIt(binary: string, packageName: string, command: string): string {
  return `Without installing anything (Node 20+), run it with npx from its package: ${inlineCode(`npx ${packageName} ${command}`)}. Installed globally (${inlineCode(`npm i -g ${packageName}`)}), it is ${inlineCode(`${binary} ${command}`)}, as written on this page.`;
}

/** The CLI reference pages (an index and one page per command) from the `commands` export of @fanin/cli. */
export function renderCliPages(
  commands: unknown,
  options: { binary?: string; packageName?: string } = {},
): { pages: { path: string; content: string }[]; items: { text: string; link: string }[] } {
  const binary = options.binary ?? 'fanin';
  const packageName = options.packageName ?? '@fanin/cli';
  const list = normalizeCommands(commands);
  if (list.length === 0) return { pages: [], items: [] };
  const slug = (command: CliCommand) => kebabCase(command.name);
  const pages = list.map((command) => {
    const sections = [
      frontmatter({ title: `${binary} ${command.name}`, description: command.summary }),
      '',
      `# ${binary} ${escapeText(command.name)}`,
      '',
      escapeText(command.summary),
      '',
      command.description !== command.summary ? escapeText(command.description) : '',
      '',
      codeBlock('sh', synopsis(binary, command)),
      '',
      runningIt(binary, packageName, command.name),
      '',
    ];
    if (command.positionals.length > 0) {
      sections.push(
        '## Arguments',
        '',
        table(
          ['Argument', 'Required', 'Description'],
          command.positionals.map((positional) => [
            inlineCode(positional.name),
            positional.required ? 'yes' : 'no',
            escapeCell(positional.description),
          ]),
        ),
        '',
      );
    }
    if (command.options.length > 0) {
      sections.push(
        '## Options',
        '',
        table(
          ['Flag', 'Accepts', 'Default', 'Description'],
          command.options.map((option) => [
            [
              flagName(option.name),
              ...option.aliases.map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`)),
            ]
              .map(inlineCode)
              .join(', '),
            escapeCell(option.expected ?? option.type),
            option.default !== undefined
              ? inlineCode(formatValue(option.default))
              : option.required
                ? '*required*'
                : '',
            escapeCell(option.description),
          ]),
        ),
        '',
      );
    }
    if (command.examples.length > 0)
      sections.push('## Examples', '', codeBlock('sh', command.examples.join('\n')), '');
    return { path: `reference/cli/${slug(command)}.md`, content: sections.join('\n') };
  });
  const index = [
    frontmatter({ title: 'CLI', description: `Every ${binary} command and its options.` }),
    '',
    '# CLI',
    '',
    `Every ${inlineCode(binary)} command, generated from the option declarations the CLI itself parses with.`,
    '',
    '## Running it',
    '',
    codeBlock(
      'sh',
      [
        `npx ${packageName} experiments    # without installing anything`,
        `npm i -g ${packageName}           # or install it once,`,
        `${binary} experiments                # then run it as ${binary}`,
      ].join('\n'),
    ),
    '',
    '## Commands',
    '',
    table(
      ['Command', 'Description'],
      list.map((command) => [
        `[${inlineCode(`${binary} ${command.name}`)}](/reference/cli/${slug(command)})`,
        escapeCell(command.summary),
      ]),
    ),
    '',
  ].join('\n');
  return {
    pages: [{ path: 'reference/cli/index.md', content: index }, ...pages],
    items: list.map((command) => ({
      text: `${binary} ${command.name}`,
      link: `/reference/cli/${slug(command)}`,
    })),
  };
}
