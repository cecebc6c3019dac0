import {
  closestMatch,
  describeValue,
  FaninError,
  InvalidOptionError,
  type OptionsShape,
  type ResolvedOptions,
} from '@fanin/core';
import { type Command, type CommandOption, flagOf } from './command.js';
import { UsageError } from './errors.js';

/** A parsed command line. */
export interface ParsedArguments<S extends OptionsShape = OptionsShape> {
  readonly options: ResolvedOptions<S>;
  readonly given: ReadonlySet<string>;
  readonly positionals: Record<string, string | undefined>;
}

/** Turns a command-line string into the JSON value an option declaration checks. */
function convert(spec: CommandOption, raw: string): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const text = raw.trim();
      const value = text === '' ? Number.NaN : Number(text);
      return Number.isNaN(value) ? raw : value;
    }
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      return raw;
    case 'array': {
      const items = spec.jsonSchema().items as { type?: string } | undefined;
      const numeric = items?.type === 'number' || items?.type === 'integer';
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
        .map((item) => {
          if (!numeric) return item;
          const value = Number(item);
          return Number.isNaN(value) ? item : value;
        });
    }
    case 'object': {
      // A registry reference or another JSON value: JSON when it looks like JSON, else a name.
      const text = raw.trim();
      if (/^[[{"]/.test(text) || text === 'null' || /^-?\d/.test(text)) {
        try {
          return JSON.parse(text);
        } catch (error) {
          throw new UsageError(
            `not valid JSON: ${describeValue(raw)} (${(error as Error).message})`,
          );
        }
      }
      return raw;
    }
    default:
      return raw;
  }
}

/** Validates a value with its declaration; errors name the flag, not the internal option. */
function check(command: Command, name: string, spec: CommandOption, value: unknown): unknown {
  const flag = flagOf(name);
  try {
    return spec.parse(value, name, `fanin ${command.name}`);
  } catch (error) {
    if (error instanceof InvalidOptionError && error.subject === `fanin ${command.name}`)
      throw new UsageError(
        `fanin ${command.name}: ${flag} must be ${error.expected}, got ${describeValue(error.received)}`,
      );
    if (error instanceof FaninError && !error.message.startsWith('fanin ')) {
      error.message = `fanin ${command.name}: ${flag}: ${error.message}`;
    }
    throw error;
  }
}

function unknownOption(command: Command, token: string): UsageError {
  const flags = Object.keys(command.options).map(flagOf);
  const candidates = [...flags, '--help'];
  const name = token.split('=')[0]!;
  const suggestion = closestMatch(name, candidates);
  return new UsageError(
    `fanin ${command.name}: unknown option "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    `See fanin ${command.name} --help`,
  );
}

/**
 * Parses the arguments after the command name against the command's declarations:
 * `--name value`, `--name=value`, `--flag` / `--no-flag` for booleans, `-x` for a short
 * flag, comma-separated or repeated flags for lists, JSON or a name for registry
 * references, `--` to end options. Every value is checked by its declaration; defaults are
 * filled in. Throws {@link UsageError} with the flag's name on any problem.
 */
export function parseArguments<S extends OptionsShape>(
  command: Command<S>,
  argv: readonly string[],
): ParsedArguments<S> {
  const options = command.options as unknown as Record<string, CommandOption>;
  const byFlag = new Map<string, string>();
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(options)) {
    byFlag.set(flagOf(name), name);
    if (spec.short) byShort.set(`-${spec.short}`, name);
  }
  const raw = new Map<string, unknown>();
  const positionals: string[] = [];
  let index = 0;
  let onlyPositionals = false;

  const take = (name: string, inline: string | undefined, token: string): string => {
    if (inline !== undefined) return inline;
    const next = argv[index + 1];
    if (next === undefined || (next.startsWith('-') && next.length > 1 && !/^-\d/.test(next))) {
      const spec = options[name]!;
      throw new UsageError(`fanin ${command.name}: ${token} needs a value (${spec.expected})`);
    }
    index++;
    return next;
  };

  const set = (name: string, value: unknown) => {
    const spec = options[name]!;
    if (spec.type === 'array' && raw.has(name) && Array.isArray(value)) {
      raw.set(name, [...(raw.get(name) as unknown[]), ...value]);
    } else raw.set(name, value);
  };

  for (; index < argv.length; index++) {
    const token = argv[index]!;
    if (onlyPositionals || !token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    if (token.startsWith('--')) {
      const equals = token.indexOf('=');
      const flag = equals >= 0 ? token.slice(0, equals) : token;
      const inline = equals >= 0 ? token.slice(equals + 1) : undefined;
      const name = byFlag.get(flag);
      if (name === undefined && flag.startsWith('--no-')) {
        const positive = byFlag.get(`--${flag.slice(5)}`);
        if (positive !== undefined && options[positive]!.type === 'boolean') {
          if (inline !== undefined)
            throw new UsageError(`fanin ${command.name}: ${flag} takes no value`);
          set(positive, false);
          continue;
        }
      }
      if (name === undefined) throw unknownOption(command, token);
      const spec = options[name]!;
      if (spec.type === 'boolean') {
        set(name, inline === undefined ? true : convert(spec, inline));
      } else {
        set(name, convert(spec, take(name, inline, flag)));
      }
      continue;
    }
    // -x, -x value, -xvalue
    const letter = token.slice(0, 2);
    const name = byShort.get(letter);
    if (name === undefined) throw unknownOption(command, token);
    const spec = options[name]!;
    const rest = token.length > 2 ? token.slice(2) : undefined;
    if (spec.type === 'boolean') {
      if (rest !== undefined) throw unknownOption(command, token);
      set(name, true);
    } else {
      set(name, convert(spec, take(name, rest?.replace(/^=/, ''), letter)));
    }
  }

  const resolved: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options)) {
    if (raw.has(name)) resolved[name] = check(command, name, spec, raw.get(name));
    else if (spec.presence === 'required')
      throw new UsageError(
        `fanin ${command.name}: ${flagOf(name)} is required (${spec.description.charAt(0).toLowerCase()}${spec.description.slice(1)})`,
        `See fanin ${command.name} --help`,
      );
    else resolved[name] = spec.default;
  }

  const named: Record<string, string | undefined> = {};
  const declared = command.positionals;
  if (positionals.length > declared.length) {
    const extra = positionals[declared.length]!;
    throw new UsageError(
      declared.length === 0
        ? `fanin ${command.name} takes no arguments, got "${extra}"`
        : `fanin ${command.name}: unexpected argument "${extra}" (it takes ${declared.map((p) => `<${p.name}>`).join(' ')})`,
      `See fanin ${command.name} --help`,
    );
  }
  declared.forEach((positional, position) => {
    const value = positionals[position];
    if (value === undefined && positional.required)
      throw new UsageError(
        `fanin ${command.name}: missing <${positional.name}> (${positional.description.charAt(0).toLowerCase()}${positional.description.slice(1)})`,
        `See fanin ${command.name} --help`,
      );
    named[positional.name] = value;
  });
  return {
    options: resolved as ResolvedOptions<S>,
    given: new Set(raw.keys()),
    positionals: named,
  };
}
