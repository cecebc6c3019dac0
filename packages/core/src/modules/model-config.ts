import { Random } from '../random/random.js';
import type { PlacementContext } from '../registry/entry.js';
import type { EntryConfig, Registry } from '../registry/registry.js';
import {
  atPath,
  type CheckedLayer,
  checkModelConfig,
  ModelConfigError,
} from './model-config-validate.js';
import type { Module } from './module.js';
import { Residual } from './residual.js';
import { Sequential } from './sequential.js';

/** Options of {@link buildModel}. */
export interface BuildModelOptions {
  /** Where activations, initializers, normalizations and layers are looked up. */
  readonly registry: Registry;
  /** Seed of the initial weights; overrides the config's `seed` (default 0). */
  readonly seed?: number;
}

/** The placement of the entry at `path`: seeded by its full path, its children likewise. */
function placement(root: Random, path: string): PlacementContext {
  return {
    random: root.fork(path),
    path,
    place: (child) => placement(root, `${path}.${child}`),
  };
}

/** A created layer with where it came from in the config, for shape errors. */
interface Placed {
  readonly module: Module;
  readonly configPath: string;
  /** The branch and shortcut layers of a residual block, built first so errors name them. */
  readonly inner: readonly (readonly Placed[])[];
}

/**
 * Creates config layer `layer` at model path `path` (e.g. "2", or "2.0" inside a residual
 * block), seeded from `root.fork(path)`. Whatever was created is disposed if a later part
 * fails.
 */
function createLayer(
  layer: CheckedLayer,
  path: string,
  configPath: string,
  registry: Registry,
  root: Random,
): Placed {
  const create = (
    kind: 'activation' | 'normalization' | 'layer',
    config: EntryConfig,
    where: string,
    at: string,
  ) => {
    try {
      return registry.create(kind, config, placement(root, at));
    } catch (error) {
      throw atPath(where, error);
    }
  };
  switch (layer.kind) {
    case 'activation':
      return {
        module: create('activation', layer.activation, `${configPath}.activation`, path),
        configPath,
        inner: [],
      };
    case 'norm':
      return {
        module: create('normalization', layer.norm, `${configPath}.norm`, path),
        configPath,
        inner: [],
      };
    case 'layer':
      return { module: create('layer', layer.layer, configPath, path), configPath, inner: [] };
    case 'residual': {
      const created: Placed[] = [];
      try {
        const branch = layer.branch.map((child, i) => {
          const placed = createLayer(
            child,
            `${path}.${i}`,
            `${configPath}.residual[${i}]`,
            registry,
            root,
          );
          created.push(placed);
          return placed;
        });
        const shortcut = (layer.shortcut ?? []).map((child, i) => {
          const placed = createLayer(
            child,
            `${path}.shortcut.${i}`,
            `${configPath}.shortcut[${i}]`,
            registry,
            root,
          );
          created.push(placed);
          return placed;
        });
        const activation =
          layer.activation === undefined
            ? undefined
            : create(
                'activation',
                layer.activation,
                `${configPath}.activation`,
                `${path}.activation`,
              );
        const module = new Residual(
          branch.map((p) => p.module),
          { shortcut: shortcut.map((p) => p.module), ...(activation ? { activation } : {}) },
        );
        return { module, configPath, inner: [branch, shortcut] };
      } catch (error) {
        for (const placed of created) placed.module.dispose();
        throw error;
      }
    }
  }
}

/** Builds each layer on the shape it receives, so a shape error names the config layer. */
function buildInOrder(layers: readonly Placed[], inputShape: readonly number[]): number[] {
  let shape = [...inputShape];
  for (const { module, configPath, inner } of layers) {
    try {
      for (const chain of inner) buildInOrder(chain, shape);
      module.ensureBuilt(shape);
      shape = module.outputShape(shape);
    } catch (error) {
      throw atPath(configPath, error);
    }
  }
  return shape;
}

/**
 * Builds a model from a JSON config, validating all of it first (see `checkModelConfig`)
 * and creating its parameters at once (`ensureBuilt([1, ...inputShape])`).
 *
 * ```json
 * { "inputShape": [784], "seed": 1, "layers": [
 *   { "dense": 100, "activation": "relu", "init": "heNormal", "norm": "batchNorm" },
 *   { "dense": 10 } ] }
 * ```
 *
 * Each config layer becomes child `i` of the returned `Sequential`, so its tensors are named
 * "0.kernel", "0.bias", "0.norm.gamma"... (the names `saveWeights` writes and the
 * `pretrained` initializer reads). A dense layer runs dense, norm, activation (or dense,
 * activation, norm with `"normPosition": "afterActivation"`). Activations, initializers,
 * normalizations and `"layer"` entries are looked up in the registry (which passes each
 * entry `random: Random(seed).fork(path)` and `path`, e.g. "2" or "0.activation"). A dense
 * kernel is drawn from `Random(seed).fork(i).fork("kernel")`, so the same seed gives the same
 * weights on every backend, and changing one layer leaves the others' initial values alone.
 */
export function buildModel(config: unknown, options: BuildModelOptions): Sequential {
  if (!options?.registry) {
    throw new ModelConfigError(
      'buildModel',
      'needs { registry }',
      'Pass createRegistry({ plugins: [core, activations, initializers, normalization] })',
    );
  }
  const { registry } = options;
  const checked = checkModelConfig(config, registry);
  const seed = options.seed ?? checked.seed ?? 0;
  const root = new Random(seed);
  const built: Placed[] = [];
  try {
    checked.layers.forEach((layer, index) => {
      built.push(createLayer(layer, String(index), `layers[${index}]`, registry, root));
    });
    buildInOrder(built, [1, ...checked.inputShape]);
  } catch (error) {
    for (const placed of built) placed.module.dispose();
    throw error;
  }
  const model = new Sequential(built.map((placed) => placed.module));
  model.ensureBuilt([1, ...checked.inputShape]);
  return model;
}
