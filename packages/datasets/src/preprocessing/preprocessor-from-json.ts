import { FaninError } from '@fanin/core';
import { ChannelStandardize, type ChannelStandardizeState } from './channel-standardize.js';
import { OneHotEncoder, type OneHotEncoderState } from './one-hot-encoder.js';
import { Pca, type PcaState } from './pca.js';
import { Standardize, type StandardizeState } from './standardize.js';
import { Zca, type ZcaState } from './zca.js';
import { ZeroCenter, type ZeroCenterState } from './zero-center.js';

/** The JSON state of any fitted preprocessor of this package. */
export type PreprocessorState =
  | ZeroCenterState
  | StandardizeState
  | ChannelStandardizeState
  | PcaState
  | ZcaState
  | OneHotEncoderState;

/** Any preprocessor of this package. */
export type Preprocessor =
  | ZeroCenter
  | Standardize
  | ChannelStandardize
  | Pca
  | Zca
  | OneHotEncoder;

type ByType = {
  zeroCenter: ZeroCenter;
  standardize: Standardize;
  channelStandardize: ChannelStandardize;
  pca: Pca;
  zca: Zca;
  oneHotEncoder: OneHotEncoder;
};

/**
 * Restores a fitted preprocessor from the JSON its `toJSON()` produced (e.g. saved next to a
 * trained model, so that serving applies exactly the training statistics).
 *
 * ```ts
 * const saved = JSON.stringify(new Standardize().fit(train.x));
 * const standardize = preprocessorFromJSON(JSON.parse(saved));
 * ```
 */
export function preprocessorFromJSON<S extends PreprocessorState>(state: S): ByType[S['type']] {
  switch (state?.type) {
    case 'zeroCenter':
      return ZeroCenter.fromJSON(state) as ByType[S['type']];
    case 'standardize':
      return Standardize.fromJSON(state) as ByType[S['type']];
    case 'channelStandardize':
      return ChannelStandardize.fromJSON(state) as ByType[S['type']];
    case 'pca':
      return Pca.fromJSON(state) as ByType[S['type']];
    case 'zca':
      return Zca.fromJSON(state) as ByType[S['type']];
    case 'oneHotEncoder':
      return OneHotEncoder.fromJSON(state) as ByType[S['type']];
    default:
      throw new FaninError(
        'INVALID_STATE',
        `preprocessorFromJSON: unknown preprocessor type ${JSON.stringify((state as { type?: unknown } | null)?.type)}`,
        'Known types: zeroCenter, standardize, channelStandardize, pca, zca, oneHotEncoder',
      );
  }
}
