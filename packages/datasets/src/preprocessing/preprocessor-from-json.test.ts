import { describe, expect, it } from 'vitest';
import { preprocessorFromJSON } from './preprocessor-from-json.js';

describe('preprocessorFromJSON', () => {
  it('rejects unknown types and malformed states with the field at fault', () => {
    expect(() => preprocessorFromJSON({ type: 'minMax' } as never)).toThrow(
      'preprocessorFromJSON: unknown preprocessor type "minMax". Known types: zeroCenter, standardize, channelStandardize, pca, zca, oneHotEncoder',
    );
    expect(() => preprocessorFromJSON(null as never)).toThrow(
      'unknown preprocessor type undefined',
    );
    expect(() =>
      preprocessorFromJSON({ type: 'zeroCenter', mode: 'feature', features: 0, mean: [] }),
    ).toThrow('zeroCenter: state field "features" must be a whole number >= 1, got 0');
    expect(() =>
      preprocessorFromJSON({
        type: 'zca',
        epsilon: 1e-5,
        features: 2,
        mean: [0, 0],
        variances: [1, 1],
        vectors: [[1, 0]],
      }),
    ).toThrow('zca: state field "vectors" must be 2 arrays of 2 numbers');
    expect(() => preprocessorFromJSON({ type: 'oneHotEncoder', numClasses: 0 })).toThrow(
      'oneHotEncoder: numClasses must be a whole number >= 1, got 0',
    );
  });
});
