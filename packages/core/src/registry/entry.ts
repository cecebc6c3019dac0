import type { OptionsShape, ResolvedOptions } from '../options/option.js';
import type { Random } from '../random/random.js';
import type { Kind, MetadataOf, ValueOf } from './kinds.js';
import type { Registry } from './registry.js';

/** What an entry's `create` receives besides its options. */
export interface CreateContext {
  /** The canonical name the entry was created under. */
  readonly name: string;
  /** The registry, so that an entry can create the entries it depends on. */
  readonly registry: Registry;
  /**
   * The seeded stream for the entry's random initial values, already forked for its place in
   * the model (`buildModel` passes `Random(seed).fork(path)`). Undefined outside a model:
   * fall back to `new Random(0)`.
   */
  readonly random?: Random;
  /** The entry's path in its model, e.g. "2" (set by `buildModel`). */
  readonly path?: string;
  /**
   * The placement of an entry this one creates, by the child's name ("kernel", "norm"...):
   * `buildModel` seeds it from the model seed and the child's full path ("2.norm"), as if it
   * stood in the model itself. Undefined outside a model; `placeChild` falls back to forks.
   */
  readonly place?: (child: string) => PlacementContext;
}

/** What a caller of `registry.create` may add to the context (see {@link CreateContext}). */
export type PlacementContext = Pick<CreateContext, 'random' | 'path' | 'place'>;

/**
 * One named thing a plugin provides: an activation, an initializer, an optimizer...
 * Its options are declared once; `create` receives them validated with defaults filled in.
 */
export interface Entry<
  K extends Kind = Kind,
  S extends OptionsShape = OptionsShape,
  A extends string = string,
> {
  readonly kind: K;
  /** One sentence, shown by `fanin list` and the docs. */
  readonly description: string;
  readonly options: S;
  /** Well-known other names that resolve to this entry (e.g. swish for silu). */
  readonly aliases?: readonly A[];
  readonly metadata?: MetadataOf<K>;
  create(options: ResolvedOptions<S>, context: CreateContext): ValueOf<K>;
}

/** Any entry, for code that handles entries generically. */
// biome-ignore lint/suspicious/noExplicitAny: entries of every shape are accepted here.
export type AnyEntry = Entry<Kind, any, string>;

/**
 * Declares an entry of a kind. Use the kind-specific helpers (`defineActivation`, ...) in
 * plugin code; this generic one serves kinds owned by other packages (samplers, pruners).
 */
export function defineEntry<
  K extends Kind,
  const S extends OptionsShape,
  const A extends string = never,
>(kind: K, entry: Omit<Entry<K, S, A>, 'kind'>): Entry<K, S, A> {
  return Object.freeze({ ...entry, kind });
}

type Definition<K extends Kind, S extends OptionsShape, A extends string> = Omit<
  Entry<K, S, A>,
  'kind'
>;

export const defineActivation = <const S extends OptionsShape, const A extends string = never>(
  entry: Definition<'activation', S, A> & { metadata: MetadataOf<'activation'> },
) => defineEntry('activation', entry);
export const defineInitializer = <const S extends OptionsShape, const A extends string = never>(
  entry: Definition<'initializer', S, A> & { metadata: MetadataOf<'initializer'> },
) => defineEntry('initializer', entry);
export const defineNormalization = <const S extends OptionsShape, const A extends string = never>(
  entry: Definition<'normalization', S, A>,
) => defineEntry('normalization', entry);
export const defineLayer = <const S extends OptionsShape, const A extends string = never>(
  entry: Definition<'layer', S, A>,
) => defineEntry('layer', entry);
export const defineOptimizer = <const S extends OptionsShape, const A extends string = never>(
  entry: Definition<'optimizer', S, A>,
) => defineEntry('optimizer', entry);
export const defineLoss = <const S extends OptionsShape, const A extends string = never>(
  entry: Definition<'loss', S, A>,
) => defineEntry('loss', entry);
