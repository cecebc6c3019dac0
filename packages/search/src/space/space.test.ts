import { describe, expect, it } from 'vitest';
import { InvalidSpaceError } from '../errors.js';
import { categorical } from './categorical.js';
import { fixed } from './fixed.js';
import { int } from './int.js';
import { logInt } from './log-int.js';
import { logUniform } from './log-uniform.js';
import { pow10 } from './pow10.js';
import { describeSpace, paramsFromUnits, parseSpace, spaceToJSON } from './space.js';
import { uniform } from './uniform.js';

const space = {
  learningRate: logUniform(1e-6, 1e-1),
  weightDecay: pow10(-8, -3),
  dropout: uniform(0, 0.5),
  layers: int(1, 4),
  width: logInt(16, 512),
  activation: categorical(['relu', 'tanh', 'elu']),
  batchSize: fixed(64),
};

function errorOf(fn: () => unknown): InvalidSpaceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidSpaceError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('spaces', () => {
  it('round-trip through JSON with the same values for the same unit coordinates', () => {
    const json = JSON.parse(JSON.stringify(spaceToJSON(space)));
    expect(json.learningRate).toEqual({ type: 'logUniform', low: 1e-6, high: 0.1 });
    expect(json.weightDecay).toEqual({ type: 'pow10', low: -8, high: -3 });
    const parsed = parseSpace(json);
    const units = Object.fromEntries(Object.keys(space).map((name, i) => [name, (i + 0.5) / 8]));
    expect(paramsFromUnits(parsed, units)).toEqual(paramsFromUnits(space, units));
    expect(describeSpace(parsed)).toBe(describeSpace(space));
  });

  it('name the path of a bad distribution', () => {
    expect(
      errorOf(() => parseSpace({ lr: { type: 'logUniform', low: 0.1, high: 0.01 } })).message,
    ).toBe(
      'space.lr: low must be less than high (low 0.1, high 0.01). Use fixed(value) for a constant',
    );
    expect(errorOf(() => parseSpace({ lr: { type: 'uniform', low: 1, high: 1 } })).message).toMatch(
      /^space\.lr: the range is empty/,
    );
    expect(
      errorOf(() => parseSpace({ lr: { type: 'logUniform', low: -6, high: -2 } })).message,
    ).toMatch(/^space\.lr: low must be > 0.*pow10\(-6, -2\)/);
    expect(
      errorOf(() => parseSpace({ width: { type: 'logint', low: 1, high: 4 } })).message,
    ).toMatch(/^space\.width: unknown type "logint"\. Did you mean "logInt"\?/);
    expect(
      errorOf(() => parseSpace({ lr: { type: 'uniform', low: 0, hight: 1 } })).message,
    ).toMatch(/^space\.lr: unknown key "hight" for uniform\. Did you mean "high"\?/);
    expect(errorOf(() => parseSpace({ lr: { type: 'uniform', low: 0 } })).message).toBe(
      'space.lr: uniform needs "high"',
    );
    expect(
      errorOf(() => parseSpace({ act: { type: 'categorical', choices: [] } })).message,
    ).toMatch(/^space\.act: choices is empty/);
    expect(errorOf(() => parseSpace({ lr: 'logUniform' })).message).toMatch(
      /^space\.lr: must be an object/,
    );
    expect(errorOf(() => parseSpace({ lr: { low: 1 } })).message).toMatch(
      /^space\.lr: has no "type"/,
    );
    expect(errorOf(() => parseSpace({})).message).toMatch(/^space: has no parameters/);
    expect(errorOf(() => parseSpace([])).message).toMatch(/^space: must be an object/);
  });

  it('require a coordinate for every parameter', () => {
    expect(() => paramsFromUnits({ a: uniform(0, 1) }, {})).toThrow(
      /space\.a: the sampler gave no coordinate/,
    );
  });
});
