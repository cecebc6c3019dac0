/**
 * @fanin/core: backends, autograd, the plugin registry, modules, optimizers, losses and the
 * training loop. This file is the package's table of contents.
 */

// Tensors: tfjs-core's own, re-exported so plugin code needs one import
export type { Rank, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
export * as tf from '@tensorflow/tfjs-core';

// Backends: cpu, wasm, webgl, switchable at run time
export {
  BACKENDS,
  type BackendName,
  currentBackend,
  defaultBackend,
  isBackendAvailable,
  ready,
  runningInNode,
  useBackend,
} from './backend/backend.js';

// Autograd: gradients over named parameters, custom gradients, finite-difference checks
export {
  customGradient,
  grad,
  type NamedVariables,
  type ValueAndGrad,
  valueAndGrad,
} from './autograd/grad.js';
export { type GradcheckOptions, type GradcheckResult, gradcheck } from './autograd/gradcheck.js';
export { noGrad } from './autograd/no-grad.js';

// The gradient table fanin registers over tfjs's
export { registerGradients } from './gradients/register.js';

// Kernels fanin puts in place of tfjs's, and its own fused training kernels (cpu and wasm)
export { registerCpuMatMul, unregisterCpuMatMul } from './kernels/cpu-matmul.js';
export {
  type FusedKernelGroup,
  fusedKernelsEnabled,
  useFusedKernels,
} from './kernels/fused-ops.js';

// The registry: entries, kinds, plugins, lookup with did-you-mean
export type { PlacementContext } from './registry/entry.js';
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
export {
  type ActivationMetadata,
  type BackendEntryValue,
  type InitializerMetadata,
  KINDS,
  type Kind,
  type KindTypes,
  type LayerMetadata,
  type MetadataOf,
  PLURAL,
  type PluralKind,
  type TensorFunction,
  type ValueOf,
} from './registry/kinds.js';
export { definePlugin, type Plugin } from './registry/plugin.js';
export {
  type CreateRegistryOptions,
  createRegistry,
  type EntryConfig,
  type EntryInfo,
  type NameOf,
  type OptionInfo,
  type OptionsFor,
  type Registry,
} from './registry/registry.js';
export { closestMatch, editDistance } from './registry/suggest.js';

// Options declared once: validation, defaults, JSON Schema
export {
  type InputOptions,
  type JsonSchema,
  type OptionSpec,
  type OptionsShape,
  option,
  type Presence,
  type ResolvedOptions,
} from './options/option.js';
export {
  type EntryReference,
  type EntryReferenceSpec,
  entryReferenceOption,
  isEntryReference,
} from './options/entry-reference.js';
export { optionsJsonSchema, resolveOptions } from './options/resolve.js';

// The core plugin: the layers, optimizers, losses, backends as entries
export { type BackendHandle, core } from './plugin.js';

// Modules, layers and models from JSON configs
export { Block, type BlockStages, withStages } from './modules/block.js';
export {
  type BlockOptionValues,
  blockOptions,
  createBlockStages,
  NORM_POSITIONS,
  type NormPosition,
  placeChild,
} from './modules/block-options.js';
export { Dense, type DenseOptions } from './modules/dense.js';
export { dense } from './modules/dense-entry.js';
export type { InitContext, Initializer } from './modules/initializer.js';
export { type BuildModelOptions, buildModel } from './modules/model-config.js';
export { DenseBlock } from './modules/model-config-block.js';
export { modelConfigSchema } from './modules/model-config-schema.js';
export {
  type ActivationLayerConfig,
  type CheckedConfig,
  type CheckedLayer,
  checkModelConfig,
  type DenseLayerConfig,
  type LayerConfig,
  type ModelConfig,
  ModelConfigError,
  type NamedLayerConfig,
  type NormLayerConfig,
  type RegistryLayerConfig,
  type ResidualLayerConfig,
} from './modules/model-config-validate.js';
export { type ApplyOptions, FunctionModule, Module, type NamedTensor } from './modules/module.js';
export { Residual } from './modules/residual.js';
export { Sequential } from './modules/sequential.js';

// Layers: 2-D convolution, pooling and flatten over NHWC inputs (checked against PyTorch), dropout
export { AvgPool2d, avgPool2d } from './layers/avg-pool2d.js';
export {
  Conv2d,
  type Conv2dOptions,
  conv2d,
  conv2dOptions,
  convGlorotUniformFallback,
} from './layers/conv2d.js';
export { Dropout, type DropoutOptions, dropout, dropoutOptions } from './layers/dropout.js';
export { Flatten, flatten } from './layers/flatten.js';
export { GlobalAvgPool, globalAvgPool } from './layers/global-avg-pool.js';
export { MaxPool2d, maxPool2d } from './layers/max-pool2d.js';
export { Pool2d, type Pool2dOptions, pool2dOptions } from './layers/pool2d.js';
export { type Padding, paddingOption } from './layers/spatial.js';

// Optimizers
export { adagrad } from './optimizers/adagrad.js';
export { adam } from './optimizers/adam.js';
export { adamw } from './optimizers/adamw.js';
export {
  BaseOptimizer,
  learningRateOption,
  weightDecayOption,
} from './optimizers/base-optimizer.js';
export { momentum } from './optimizers/momentum.js';
export { nesterov } from './optimizers/nesterov.js';
export type { Optimizer } from './optimizers/optimizer.js';
export { rmsprop } from './optimizers/rmsprop.js';
export { sgd } from './optimizers/sgd.js';

// Losses
export { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
export type { Loss } from './losses/loss.js';
export { meanSquaredError } from './losses/mean-squared-error.js';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';

// Metrics
export { type AccuracyOptions, accuracy, accuracyMetric } from './metrics/accuracy.js';
export type { Metric } from './metrics/metric.js';
export { METRICS, resolveMetrics } from './metrics/resolve-metrics.js';

// Training: fit, evaluate, predict, callbacks
export { evaluate, predict } from './training/evaluate.js';
export { eventLoopYielder } from './training/event-loop.js';
export { ABORTED, fit } from './training/fit.js';
export type {
  Callback,
  CallbackContext,
  EvaluateOptions,
  FitOptions,
  History,
  Logs,
  PredictOptions,
  TensorData,
} from './training/types.js';

// Seeded randomness
export { hashSeed, Random, type Seed, sizeOf } from './random/random.js';

// Weights on disk: safetensors
export {
  decodeSafetensors,
  encodeSafetensors,
  readSafetensorsMetadata,
  SafetensorsError,
  type TensorRecord,
} from './io/safetensors.js';
export { type LoadWeightsOptions, loadWeightsFromBytes, weightsToBytes } from './io/weights.js';
export { loadWeights, saveWeights } from './io/weights-file.js';

// Errors: one class per failure, each with a code from FaninErrorCodes (augmented by every package)
export type { FaninErrorCode, FaninErrorCodes } from './error-codes.js';
export {
  BackendUnavailableError,
  DuplicatePluginError,
  describeValue,
  FaninError,
  FrozenRegistryError,
  InvalidOptionError,
  ShapeError,
  UnknownEntryError,
} from './errors.js';
