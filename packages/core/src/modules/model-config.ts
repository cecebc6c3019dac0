import { Random } from '../random/random.js';
import type { EntryConfig, Registry } from '../registry/registry.js';
import { DenseBlock } from './model-config-block.js';
import {
  atPath,
  type CheckedLayer,
  checkModelConfig,
  ModelConfigError,
} from './model-config-validate.js';
import type { Module } from './module.js';
import { Sequential } from './sequential.js';

/** Options of {@link buildModel}. */
export interface BuildModelOptions {
  /** Where activations, initializers, normalizations and layers are looked up. */
  readonly registry: Registry;
  /** Seed of the initial weights; overrides the config's `seed` (default 0). */
  readonly seed?: number;
}

type Placed = 'activation' | 'normalization' | 'layer' | 'initializer';

/** Creates config layer `index` (child `index` of the model), seeded from `root.fork(...)`. */
function createLayer(layer: CheckedLayer, index: number, registry: Registry, root: Random): Module {
  const configPath = `layers[${index}]`;
  const create = <K extends Placed>(kind: K, config: EntryConfig, where: string, path: string) => {
    try {
      return registry.create(kind, config, { random: root.fork(path), path });
    } catch (error) {
      throw atPath(where, error);
    }
  };
  const path = String(index);
  switch (layer.kind) {
    case 'activation':
      return create('activation', layer.activation, `${configPath}.activation`, path);
    case 'norm':
      return create('normalization', layer.norm, `${configPath}.norm`, path);
    case 'layer':
      return create('layer', layer.layer, configPath, path);
    case 'dense':
      return new DenseBlock({
        units: layer.units,
        useBias: layer.bias,
        random: root.fork(path),
        path,
        normPosition: layer.normPosition,
        ...(layer.init !== undefined
          ? {
              kernelInitializer: create(
                'initializer',
                layer.init,
                `${configPath}.init`,
                `${path}.kernel`,
              ),
            }
          : {}),
        ...(layer.biasInit !== undefined
          ? {
              biasInitializer: create(
                'initializer',
                layer.biasInit,
                `${configPath}.biasInit`,
                `${path}.bias`,
              ),
            }
          : {}),
        ...(layer.norm !== undefined
          ? { norm: create('normalization', layer.norm, `${configPath}.norm`, `${path}.norm`) }
          : {}),
        ...(layer.activation !== undefined
          ? {
              activation: create(
                'activation',
                layer.activation,
                `${configPath}.activation`,
                `${path}.activation`,
              ),
            }
          : {}),
      });
  }
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
  const built: Module[] = [];
  try {
    checked.layers.forEach((layer, index) => {
      built.push(createLayer(layer, index, registry, root));
    });
    let shape = [1, ...checked.inputShape];
    built.forEach((module, index) => {
      try {
        module.ensureBuilt(shape);
        shape = module.outputShape(shape);
      } catch (error) {
        throw atPath(`layers[${index}]`, error);
      }
    });
  } catch (error) {
    for (const module of built) module.dispose();
    throw error;
  }
  const model = new Sequential(built);
  model.ensureBuilt([1, ...checked.inputShape]);
  return model;
}
