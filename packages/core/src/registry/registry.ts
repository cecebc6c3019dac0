import {
  DuplicatePluginError,
  describeValue,
  FaninError,
  FrozenRegistryError,
  UnknownEntryError,
} from '../errors.js';
import type { InputOptions, JsonSchema, OptionsShape } from '../options/option.js';
import { optionsJsonSchema, resolveOptions } from '../options/resolve.js';
import type { AnyEntry, Entry, PlacementContext } from './entry.js';
import {
  KINDS,
  type Kind,
  type MetadataOf,
  PLURAL,
  type PluralKind,
  type ValueOf,
} from './kinds.js';
import { isEntryReferenceSpec } from '../options/entry-reference.js';
import { definePlugin, type Plugin } from './plugin.js';
import { closestMatch } from './suggest.js';

/** A reference to an entry in a config: its name, or `{ type: name, ...options }`. */
export type EntryConfig = string | ({ type: string } & Record<string, unknown>);

/** What `list` reports about one entry. */
export interface EntryInfo<K extends Kind = Kind> {
  readonly kind: K;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly plugin: string;
  readonly options: readonly OptionInfo[];
  /** JSON Schema of the entry's config object `{ type, ...options }`. */
  readonly jsonSchema: JsonSchema;
  readonly metadata: MetadataOf<K> | undefined;
}

export interface OptionInfo {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly expected: string;
  readonly required: boolean;
  readonly default: unknown;
  /** The kind of entry the option names, for options such as a dense layer's `activation`. */
  readonly reference?: Kind;
}

interface Resolved {
  readonly name: string;
  readonly entry: AnyEntry;
  readonly plugin: string;
}

// ---- type-level helpers: typed names and options from the registered plugins ----

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
type EntriesOf<Ps extends readonly Plugin[], P extends PluralKind> = UnionToIntersection<
  Ps[number] extends infer Q
    ? Q extends { readonly [key in P]?: infer E }
      ? NonNullable<E>
      : never
    : never
>;
type AliasesOf<E> = {
  [N in keyof E]: E[N] extends { aliases?: readonly (infer A)[] } ? A : never;
}[keyof E];

/** Names (canonical and aliases) of a kind's entries in the registered plugins. */
export type NameOf<Ps extends readonly Plugin[], K extends Kind> = string extends Ps[number]['name']
  ? string
  :
      | (keyof EntriesOf<Ps, (typeof PLURAL)[K]> & string)
      | (AliasesOf<EntriesOf<Ps, (typeof PLURAL)[K]>> & string);

type EntryNamed<Ps extends readonly Plugin[], K extends Kind, N extends string> =
  EntriesOf<Ps, (typeof PLURAL)[K]> extends infer E
    ? N extends keyof E
      ? E[N]
      : {
          [M in keyof E]: E[M] extends { aliases?: readonly (infer A)[] }
            ? N extends A
              ? E[M]
              : never
            : never;
        }[keyof E]
    : never;

/**
 * The options a named entry accepts (all optional where defaults exist). An entry declared
 * without options accepts none: `Record<string, never>`, so `{}` passes and `{ alpha: 1 }` is a
 * type error (an empty `{}` type would accept any object).
 */
export type OptionsFor<
  Ps extends readonly Plugin[],
  K extends Kind,
  N extends string,
> = string extends N
  ? Record<string, unknown>
  : EntryNamed<Ps, K, N> extends Entry<Kind, infer S extends OptionsShape, string>
    ? [keyof S] extends [never]
      ? Record<string, never>
      : InputOptions<S>
    : Record<string, unknown>;

type Creator<Ps extends readonly Plugin[], K extends Kind> = <N extends NameOf<Ps, K>>(
  name: N,
  options?: OptionsFor<Ps, K, N>,
) => ValueOf<K>;

/**
 * The set of entries from a list of plugins, looked up by kind and name. Frozen: to add a
 * plugin, create a new registry.
 */
export interface Registry<Ps extends readonly Plugin[] = readonly Plugin[]> {
  readonly plugins: Ps;
  readonly activation: Creator<Ps, 'activation'>;
  readonly initializer: Creator<Ps, 'initializer'>;
  readonly normalization: Creator<Ps, 'normalization'>;
  readonly layer: Creator<Ps, 'layer'>;
  readonly optimizer: Creator<Ps, 'optimizer'>;
  readonly loss: Creator<Ps, 'loss'>;
  readonly sampler: Creator<Ps, 'sampler'>;
  readonly pruner: Creator<Ps, 'pruner'>;
  readonly dataset: Creator<Ps, 'dataset'>;
  readonly backend: Creator<Ps, 'backend'>;
  /**
   * Creates an entry from a config: a name, or `{ type: name, ...options }`. `placement` tells
   * the entry where it sits in a model (its seeded stream and path); `buildModel` passes it.
   */
  create<K extends Kind>(kind: K, config: EntryConfig, placement?: PlacementContext): ValueOf<K>;
  /** Validates a config without creating anything; returns the canonical name and full options. */
  validate(kind: Kind, config: EntryConfig): { name: string; options: Record<string, unknown> };
  /** Whether a name (or alias) exists for a kind. */
  has(kind: Kind, name: string): boolean;
  /** The canonical name for a name or alias; throws UnknownEntryError if there is none. */
  canonicalName(kind: Kind, name: string): string;
  /** Entries of one kind (or every kind), sorted by name, with descriptions and option schemas. */
  list<K extends Kind>(kind: K): EntryInfo<K>[];
  list(): EntryInfo[];
  /** Full information on one entry. */
  info<K extends Kind>(kind: K, name: string): EntryInfo<K>;
  /** JSON Schema accepted for a reference to any entry of a kind (a name or a config object). */
  configSchema(kind: Kind): JsonSchema;
  /** Always throws: registries are frozen. Use `extend` or `createRegistry`. */
  register(plugin: Plugin): never;
  /** A new registry with the given plugins added. */
  extend<More extends readonly Plugin[]>(...plugins: More): Registry<[...Ps, ...More]>;
}

export interface CreateRegistryOptions<Ps extends readonly Plugin[]> {
  readonly plugins: Ps;
}

function subjectOf(kind: Kind, name: string): string {
  return `${kind} "${name}"`;
}

/**
 * Builds a frozen registry from plugins. Fails on duplicate names (naming both plugins).
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [core, activations, initializers] });
 * const act = fanin.activation('leakyRelu', { alpha: 0.01 });
 * ```
 */
export function createRegistry<const Ps extends readonly Plugin[]>(
  options: CreateRegistryOptions<Ps>,
): Registry<Ps> {
  if (!options || !Array.isArray(options.plugins)) {
    throw new FaninError(
      'INVALID_PLUGIN',
      'createRegistry needs { plugins: [...] }',
      'Pass the plugin objects you import, e.g. createRegistry({ plugins: [core, activations] })',
    );
  }
  const tables = new Map<Kind, Map<string, Resolved>>();
  const aliases = new Map<Kind, Map<string, string>>();
  for (const kind of KINDS) {
    tables.set(kind, new Map());
    aliases.set(kind, new Map());
  }
  const pluginNames = new Set<string>();
  for (const raw of options.plugins) {
    const plugin = definePlugin(raw as Plugin);
    if (pluginNames.has(plugin.name)) {
      throw new FaninError(
        'DUPLICATE_PLUGIN',
        `plugin "${plugin.name}" is registered twice`,
        'List each plugin once',
      );
    }
    pluginNames.add(plugin.name);
    for (const kind of KINDS) {
      const entries = (plugin as unknown as Record<string, Record<string, AnyEntry> | undefined>)[
        PLURAL[kind]
      ];
      if (!entries) continue;
      const table = tables.get(kind)!;
      const aliasTable = aliases.get(kind)!;
      const owner = (name: string) =>
        table.get(name)?.plugin ?? table.get(aliasTable.get(name) ?? '')?.plugin;
      for (const [name, entry] of Object.entries(entries)) {
        const existing = owner(name);
        if (existing) throw new DuplicatePluginError(kind, name, existing, plugin.name);
        table.set(name, { name, entry, plugin: plugin.name });
      }
      for (const [name, entry] of Object.entries(entries)) {
        for (const alias of entry.aliases ?? []) {
          const existing = owner(alias);
          if (existing) throw new DuplicatePluginError(kind, alias, existing, plugin.name);
          aliasTable.set(alias, name);
        }
      }
    }
  }

  const lookup = (kind: Kind, name: string): Resolved => {
    if (!KINDS.includes(kind)) {
      const suggestion = closestMatch(String(kind), KINDS);
      throw new FaninError(
        'UNKNOWN_KIND',
        `unknown kind "${String(kind)}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Kinds: ${KINDS.join(', ')}`,
      );
    }
    if (typeof name !== 'string') {
      throw new FaninError(
        'INVALID_CONFIG',
        `${kind} name must be a string, got ${describeValue(name)}`,
      );
    }
    const table = tables.get(kind)!;
    const canonical = aliases.get(kind)!.get(name) ?? name;
    const found = table.get(canonical);
    if (found) return found;
    const available = [...table.keys()].sort();
    const candidates = [...available, ...aliases.get(kind)!.keys()];
    const suggestion = closestMatch(name, candidates);
    throw new UnknownEntryError(
      kind,
      name,
      available,
      suggestion && (aliases.get(kind)!.get(suggestion) ?? suggestion),
    );
  };

  const splitConfig = (
    kind: Kind,
    config: EntryConfig,
  ): { name: string; given: Record<string, unknown> } => {
    if (typeof config === 'string') return { name: config, given: {} };
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new FaninError(
        'INVALID_CONFIG',
        `${kind} config must be a name or an object with "type", got ${describeValue(config)}`,
        `Write "relu" or { "type": "leakyRelu", "alpha": 0.01 }`,
      );
    }
    const { type, ...given } = config;
    if (typeof type !== 'string') {
      throw new FaninError(
        'INVALID_CONFIG',
        `${kind} config ${describeValue(config)} has no "type"`,
        `Add "type": the ${kind}'s name`,
      );
    }
    return { name: type, given };
  };

  const infoOf = (kind: Kind, resolved: Resolved): EntryInfo => {
    const { entry } = resolved;
    const shape = entry.options as OptionsShape;
    const optionsSchema = optionsJsonSchema(shape);
    return {
      kind,
      name: resolved.name,
      aliases: [...(entry.aliases ?? [])],
      description: entry.description,
      plugin: resolved.plugin,
      options: Object.entries(shape).map(([name, spec]) => ({
        name,
        type: spec.type,
        description: spec.description,
        expected: spec.expected,
        required: spec.presence === 'required',
        default: spec.default,
        ...(isEntryReferenceSpec(spec) ? { reference: spec.reference } : {}),
      })),
      jsonSchema: {
        ...optionsSchema,
        properties: {
          type: { const: resolved.name, description: entry.description },
          ...(optionsSchema.properties as object),
        },
        required: ['type', ...((optionsSchema.required as string[] | undefined) ?? [])],
      },
      metadata: entry.metadata as never,
    };
  };

  const registry: Registry = {
    plugins: Object.freeze([...options.plugins]) as unknown as Ps,
    create(kind, config, placement) {
      const { name, given } = splitConfig(kind, config);
      const resolved = lookup(kind, name);
      const resolvedOptions = resolveOptions(
        resolved.entry.options as OptionsShape,
        given,
        subjectOf(kind, resolved.name),
      );
      return resolved.entry.create(resolvedOptions as never, {
        ...placement,
        name: resolved.name,
        registry,
      }) as never;
    },
    validate(kind, config) {
      const { name, given } = splitConfig(kind, config);
      const resolved = lookup(kind, name);
      return {
        name: resolved.name,
        options: resolveOptions(
          resolved.entry.options as OptionsShape,
          given,
          subjectOf(kind, resolved.name),
        ),
      };
    },
    has(kind, name) {
      if (!KINDS.includes(kind)) return false;
      return tables.get(kind)!.has(aliases.get(kind)!.get(name) ?? name);
    },
    canonicalName(kind, name) {
      return lookup(kind, name).name;
    },
    list(kind?: Kind) {
      const kinds = kind === undefined ? KINDS : [kind];
      if (kind !== undefined && !KINDS.includes(kind)) lookup(kind, '');
      return kinds.flatMap((k) =>
        [...tables.get(k)!.values()]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((resolved) => infoOf(k, resolved)),
      ) as never;
    },
    info(kind, name) {
      return infoOf(kind, lookup(kind, name)) as never;
    },
    configSchema(kind) {
      const entries = [...tables.get(kind)!.values()].sort((a, b) => a.name.localeCompare(b.name));
      const names = [...entries.map((e) => e.name), ...aliases.get(kind)!.keys()].sort();
      return {
        description: `A ${kind}: its name, or an object with "type" and its options`,
        oneOf: [
          { type: 'string', enum: names },
          ...entries.map((resolved) => infoOf(kind, resolved).jsonSchema),
          ...[...aliases.get(kind)!.entries()].map(([alias, target]) => {
            const schema = infoOf(kind, tables.get(kind)!.get(target)!).jsonSchema;
            return {
              ...schema,
              properties: {
                ...(schema.properties as object),
                type: { const: alias, description: `Alias of ${target}` },
              },
            };
          }),
        ],
      };
    },
    register(plugin) {
      throw new FrozenRegistryError(`register plugin "${plugin?.name ?? '?'}"`);
    },
    extend(...plugins) {
      return createRegistry({ plugins: [...options.plugins, ...plugins] }) as never;
    },
    activation: (name, opts) => registry.create('activation', { ...(opts as object), type: name }),
    initializer: (name, opts) =>
      registry.create('initializer', { ...(opts as object), type: name }),
    normalization: (name, opts) =>
      registry.create('normalization', { ...(opts as object), type: name }),
    layer: (name, opts) => registry.create('layer', { ...(opts as object), type: name }),
    optimizer: (name, opts) => registry.create('optimizer', { ...(opts as object), type: name }),
    loss: (name, opts) => registry.create('loss', { ...(opts as object), type: name }),
    sampler: (name, opts) => registry.create('sampler', { ...(opts as object), type: name }),
    pruner: (name, opts) => registry.create('pruner', { ...(opts as object), type: name }),
    dataset: (name, opts) => registry.create('dataset', { ...(opts as object), type: name }),
    backend: (name, opts) => registry.create('backend', { ...(opts as object), type: name }),
  };
  return Object.freeze(registry) as unknown as Registry<Ps>;
}
