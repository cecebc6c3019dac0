/**
 * @fanin/normalization: batch, layer, group, instance and RMS normalization as fanin modules,
 * checked against PyTorch. This file is the package's table of contents; register the plugin
 * explicitly:
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [normalization] });
 * const norm = fanin.normalization('batchNorm', { momentum: 0.1 });
 * ```
 */
import { definePlugin } from '@fanin/core';
import { batchNorm } from './batch-norm.js';
import { groupNorm } from './group-norm.js';
import { instanceNorm } from './instance-norm.js';
import { layerNorm } from './layer-norm.js';
import { rmsNorm } from './rms-norm.js';

export { BatchNorm, type BatchNormOptions, batchNorm, batchNormOptions } from './batch-norm.js';
export { BatchTooSmallError, ConflictingOptionsError } from './errors.js';
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
export { GroupNorm, type GroupNormOptions, groupNorm, groupNormOptions } from './group-norm.js';
export {
  InstanceNorm,
  type InstanceNormOptions,
  instanceNorm,
  instanceNormOptions,
} from './instance-norm.js';
export { LayerNorm, type LayerNormOptions, layerNorm, layerNormOptions } from './layer-norm.js';
export { type Moments, moments, scaleByInverseStd } from './moments.js';
export { type AffineOptions, affineOptions, Normalization } from './normalization.js';
export { RmsNorm, type RmsNormOptions, rmsNorm, rmsNormOptions } from './rms-norm.js';
export {
  RunningStatisticsNormalization,
  type RunningStatisticsSettings,
} from './running-statistics-normalization.js';
export {
  DEFAULT_MOMENTUM,
  newBatchWeight,
  type RunningUpdate,
  runningStatisticsOptions,
  updateRunningStatistics,
} from './running-statistics.js';
export {
  TrailingAxesNormalization,
  type TrailingAxesSettings,
} from './trailing-axes-normalization.js';

/** The normalization plugin: register it with `createRegistry({ plugins: [normalization] })`. */
export const normalization = definePlugin({
  name: '@fanin/normalization',
  normalizations: { batchNorm, layerNorm, groupNorm, instanceNorm, rmsNorm },
});
