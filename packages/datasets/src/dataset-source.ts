import type { Dataset } from './dataset.js';

/**
 * What a `dataset` registry entry creates: a recipe that knows the dataset's size before
 * loading it (so a model can be sized) and loads or generates it on demand.
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [datasets] });
 * const source = fanin.dataset('spiral', { classes: 5, seed: 1 });
 * source.features; // 2 -> the model's input width
 * const data = await source.load(); // tensors owned by the caller
 * ```
 */
export interface DatasetSource {
  /** The registry name of the entry that created it ("mnist", "spiral"...). */
  readonly name: string;
  /** The entry's config with every option resolved: `{ type: "spiral", classes: 3, ... }`. JSON-serializable. */
  readonly config: { readonly type: string } & Readonly<Record<string, unknown>>;
  /** Number of examples `load` returns. */
  readonly examples: number;
  /** Width of each row of `x`. */
  readonly features: number;
  /**
   * The shape of one example before flattening, when it is known before loading: `[28, 28]`
   * for MNIST (an image; `asImages` and `loadSplits(..., { shape: "image" })` serve it as
   * `[28, 28, 1]`). Absent: `[features]`.
   */
  readonly exampleShape?: readonly number[];
  /** Number of classes (labels are 0..classes-1). */
  readonly classes: number;
  /** Loads or generates the examples. Each call returns new tensors, owned by the caller. */
  load(): Promise<Dataset>;
}

/** Static facts about a dataset entry, shown by `fanin list dataset` and the docs. */
export interface DatasetMetadata {
  readonly task: 'classification';
  /** Generated from a formula (true) or real data (false). */
  readonly synthetic: boolean;
  /** Shape of one example, when it does not depend on options (`[28, 28]` for MNIST). */
  readonly exampleShape?: readonly number[];
  /** Where the data or the construction comes from. */
  readonly reference: string;
}

declare module '@fanin/core' {
  interface KindTypes {
    dataset: { value: DatasetSource; metadata: DatasetMetadata };
  }
}
