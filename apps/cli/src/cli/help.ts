import { type Command, type CommandOption, flagOf } from './command.js';

const WIDTH = 100;

/** Wraps text to `width` columns with `indent` spaces in front of every line. */
export function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((text) => `${' '.repeat(indent)}${text}`);
}

function placeholder(spec: CommandOption): string {
  switch (spec.type) {
    case 'number':
      return '<number>';
    case 'integer':
      return '<n>';
    case 'enum': {
      const values = (spec.jsonSchema().enum as string[] | undefined) ?? [];
      return `<${values.join('|')}>`;
    }
    case 'array':
      return '<a,b,...>';
    case 'object':
      return '<name|json>';
    default:
      return '<value>';
  }
}

function formatDefault(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The flag column of an option: `-o, --out <value>`, `--[no-]stratify`. */
export function flagUsage(name: string, spec: CommandOption): string {
  const long = flagOf(name);
  const prefix = spec.short ? `-${spec.short}, ` : '    ';
  if (spec.type === 'boolean')
    return `${prefix}${spec.default === false ? long : `--[no-]${long.slice(2)}`}`;
  return `${prefix}${long} ${placeholder(spec)}`;
}

function optionLines(entries: [string, CommandOption][]): string[] {
  const rows = entries.map(([name, spec]) => {
    const extra =
      spec.presence === 'required'
        ? ' (required)'
        : spec.default !== undefined && spec.type !== 'boolean'
          ? ` (default: ${formatDefault(spec.default)})`
          : '';
    return [flagUsage(name, spec), `${spec.description}${extra}`] as const;
  });
  rows.push(['-h, --help', 'Show this help']);
  const column = Math.min(34, Math.max(...rows.map(([flag]) => flag.length)) + 4);
  return rows.flatMap(([flag, text]) => {
    const wrapped = wrap(text, WIDTH, column + 2);
    const first = wrapped[0]?.trimStart() ?? '';
    const head =
      flag.length + 2 <= column
        ? [`  ${flag.padEnd(column)}${first}`]
        : [`  ${flag}`, `${' '.repeat(column + 2)}${first}`];
    return [...head, ...wrapped.slice(1)];
  });
}

/** `fanin <command> --help`: usage, description, arguments, options and examples. */
export function commandHelp(command: Command): string {
  const positionals = command.positionals
    .map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`))
    .join(' ');
  const lines = [
    `Usage: fanin ${command.name}${positionals ? ` ${positionals}` : ''} [options]`,
    '',
    ...wrap(command.description, WIDTH, 0),
  ];
  if (command.positionals.length > 0) {
    lines.push('', 'Arguments:');
    const column = Math.max(...command.positionals.map((p) => p.name.length)) + 4;
    for (const positional of command.positionals)
      lines.push(`  ${positional.name.padEnd(column)}${positional.description}`);
  }
  lines.push(
    '',
    'Options:',
    ...optionLines(Object.entries(command.options) as [string, CommandOption][]),
  );
  if (command.examples.length > 0) {
    lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  }
  return `${lines.join('\n')}\n`;
}

/** `fanin --help`: every command with its summary. */
export function generalHelp(commands: readonly Command[], version: string): string {
  const column = Math.max(...commands.map((command) => command.name.length)) + 4;
  return `${[
    `fanin ${version}: activations, initialization, normalization and hyperparameter search on TensorFlow.js`,
    '',
    'Usage: fanin <command> [options]',
    '',
    'Commands:',
    ...commands.flatMap((command) => {
      const wrapped = wrap(command.summary, WIDTH, column + 2);
      return [`  ${command.name.padEnd(column)}${wrapped[0]!.trimStart()}`, ...wrapped.slice(1)];
    }),
    '',
    'Options:',
    '  -h, --help       Show help (fanin <command> --help for a command)',
    '  -V, --version    Print the version',
    '',
    'Start with: fanin experiments (runs the classic experiments and writes ./fanin-report/report.html)',
    'Exit codes: 0 success, 1 a run that failed, 2 bad usage or input, 130 stopped by Ctrl-C.',
  ].join('\n')}\n`;
}
