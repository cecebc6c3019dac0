/**
 * @fanin/initializers: every weight initialization scheme, statistically verified. This file
 * is the package's table of contents; register the plugin explicitly:
 *
 * ```ts
 * import { createRegistry, Dense } from '@fanin/core';
 * import { initializers } from '@fanin/initializers';
 *
 * const fanin = createRegistry({ plugins: [initializers] });
 * new Dense({ units: 100, kernelInitializer: fanin.initializer('heNormal') });
 * ```
 */
import { definePlugin } from '@fanin/core';
import { constant, ones, zeros } from './constant.js';
import { glorotNormal, glorotUniform } from './glorot.js';
import { heNormal, heUniform } from './he.js';
import { identity } from './identity.js';
import { lecunNormal, lecunUniform } from './lecun.js';
import { normal } from './normal.js';
import { orthogonal } from './orthogonal.js';
import { pretrained } from './pretrained.js';
import { truncatedNormal } from './truncated-normal.js';
import { uniform } from './uniform.js';
import { varianceScaling } from './variance-scaling.js';

// Entries, one family per file
export { constant, ones, zeros } from './constant.js';
// Fans, gains and sampling
export { computeFans, type FanMode, type FanOptions, type Fans, fanOf } from './fans.js';
export {
  type ActivationConfig,
  activationOption,
  calculateGain,
  PYTORCH_NONLINEARITIES,
  recommendedInitializer,
} from './gain.js';
export { glorotNormal, glorotUniform } from './glorot.js';
export { heNormal, heUniform } from './he.js';
export { identity } from './identity.js';
export { lecunNormal, lecunUniform } from './lecun.js';
export { normal } from './normal.js';
export { orthogonal, orthogonalMatrix } from './orthogonal.js';
export {
  MissingWeightError,
  type PretrainedOptions,
  pretrained,
  pretrainedInitializer,
} from './pretrained.js';
export { householderQr, type QrResult } from './qr.js';
export { sampleTensor, truncatedStandardNormal } from './sampling.js';
// Statistics for tests of random generators (KS test, CDFs, moment bounds)
export {
  type Distribution,
  erf,
  erfc,
  type KsTestResult,
  kolmogorovSurvival,
  ksCriticalValue,
  ksPValue,
  ksStatistic,
  ksTest,
  type MomentTestResult,
  momentTest,
  normalCdf,
  normalDistribution,
  normalPdf,
  type SampleMoments,
  sampleMoments,
  truncatedNormalDistribution,
  truncatedNormalStd,
  uniformDistribution,
} from './stats.js';
export { truncatedNormal, truncatedNormalTensor } from './truncated-normal.js';
export { uniform } from './uniform.js';
export {
  fanOptions,
  type ScalingDistribution,
  TRUNCATED_NORMAL_STD_AT_2,
  type VarianceScalingSpec,
  varianceScaling,
  varianceScalingInitializer,
  varianceScalingTensor,
} from './variance-scaling.js';

/** The plugin: every initializer, under its canonical name (aliases resolve to these). */
export const initializers = definePlugin({
  name: '@fanin/initializers',
  initializers: {
    zeros,
    ones,
    constant,
    normal,
    uniform,
    truncatedNormal,
    varianceScaling,
    glorotNormal,
    glorotUniform,
    heNormal,
    heUniform,
    lecunNormal,
    lecunUniform,
    orthogonal,
    identity,
    pretrained,
  },
});

// Error codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
