/**
 * @fanin/core: backends, autograd, the plugin registry, modules, optimizers, losses and the
 * training loop. This file is the package's table of contents.
 */

// Tensors are tfjs-core's own; re-exported so plugin code needs one import.
export * as tf from '@tensorflow/tfjs-core';
export type { Scalar, Tensor, Variable, Rank } from '@tensorflow/tfjs-core';

// Errors
export {
  BackendUnavailableError,
  DuplicatePluginError,
  FaninError,
  FrozenRegistryError,
  InvalidOptionError,
  ShapeError,
  UnknownPluginError,
  describeValue,
} from './errors.js';

// Backends
export { BACKENDS, type BackendName, currentBackend, defaultBackend, isBackendAvailable, ready, runningInNode, useBackend } from './backend/backend.js';

// Autograd
export { customGradient, grad, type NamedVariables, type ValueAndGrad, valueAndGrad } from './autograd/grad.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult } from './autograd/gradcheck.js';
export { registerGradients } from './gradients/register.js';

// Randomness
export { hashSeed, Random, type Seed, sizeOf } from './random/random.js';

// Options and the registry
export { option, type InputOptions, type JsonSchema, type OptionSpec, type OptionsShape, type Presence, type ResolvedOptions } from './options/option.js';
export { optionsJsonSchema, resolveOptions } from './options/resolve.js';
export {
  KINDS,
  PLURAL,
  type ActivationMetadata,
  type BackendEntryValue,
  type InitializerMetadata,
  type Kind,
  type KindTypes,
  type MetadataOf,
  type PluralKind,
  type TensorFunction,
  type ValueOf,
} from './registry/kinds.js';
export {
  type AnyEntry,
  type CreateContext,
  defineActivation,
  defineEntry,
  defineInitializer,
  defineLayer,
  defineLoss,
  defineNormalization,
  defineOptimizer,
  type Entry,
} from './registry/entry.js';
export { definePlugin, type Plugin } from './registry/plugin.js';
export { createRegistry, type CreateRegistryOptions, type EntryConfig, type EntryInfo, type NameOf, type OptionInfo, type OptionsFor, type Registry } from './registry/registry.js';
export { closestMatch, editDistance } from './registry/suggest.js';

// Modules
export { type ApplyOptions, FunctionModule, Module, type NamedTensor } from './modules/module.js';
export { Dense, type DenseOptions } from './modules/dense.js';
export { Sequential } from './modules/sequential.js';
export type { InitContext, Initializer } from './modules/initializer.js';

// Optimizers, losses
export type { Optimizer } from './optimizers/optimizer.js';
export type { Loss } from './losses/loss.js';

// Weights on disk: the safetensors format
export { decodeSafetensors, encodeSafetensors, readSafetensorsMetadata, SafetensorsError, type TensorRecord } from './io/safetensors.js';
export { type LoadWeightsOptions, loadWeightsFromBytes, weightsToBytes } from './io/weights.js';
export { loadWeights, saveWeights } from './io/weights-file.js';
export type { PlacementContext } from './registry/entry.js';
export { BaseOptimizer, learningRateOption, weightDecayOption } from './optimizers/base-optimizer.js';
export { sgd } from './optimizers/sgd.js';
export { momentum } from './optimizers/momentum.js';
export { nesterov } from './optimizers/nesterov.js';
export { adagrad } from './optimizers/adagrad.js';
export { rmsprop } from './optimizers/rmsprop.js';
export { adam } from './optimizers/adam.js';
export { adamw } from './optimizers/adamw.js';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
export { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
export { meanSquaredError } from './losses/mean-squared-error.js';

// Metrics
export { type AccuracyOptions, accuracy, accuracyMetric } from './metrics/accuracy.js';
export type { Metric } from './metrics/metric.js';

// Layers as registry entries, and the core plugin
export { dense, entryReferenceOption } from './modules/dense-entry.js';
export { type BackendHandle, core } from './plugin.js';

// Training
export { ABORTED, fit } from './training/fit.js';
export { evaluate, predict } from './training/evaluate.js';
export { eventLoopYielder } from './training/event-loop.js';
export { METRICS, resolveMetrics } from './metrics/resolve-metrics.js';
export type { Callback, CallbackContext, EvaluateOptions, FitOptions, History, Logs, PredictOptions, TensorData } from './training/types.js';

// Models from JSON configs
export { buildModel, type BuildModelOptions } from './modules/model-config.js';
export { DenseBlock } from './modules/model-config-block.js';
export { modelConfigSchema } from './modules/model-config-schema.js';
export {
  type ActivationLayerConfig,
  type CheckedConfig,
  type CheckedLayer,
  checkModelConfig,
  type DenseLayerConfig,
  type EntryReference,
  type LayerConfig,
  type ModelConfig,
  ModelConfigError,
  NORM_POSITIONS,
  type NormLayerConfig,
  type NormPosition,
  type RegistryLayerConfig,
} from './modules/model-config-validate.js';
