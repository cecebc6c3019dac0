import { FaninError } from '@fanin/core';
import { categorical } from '../space/categorical.js';
import type { CategoricalChoice, Distribution, ParamValue } from '../space/distribution.js';
import { fixed } from '../space/fixed.js';
import { int } from '../space/int.js';
import { logInt } from '../space/log-int.js';
import { logUniform } from '../space/log-uniform.js';
import { uniform } from '../space/uniform.js';

/**
 * The distribution JSON Optuna stores with each parameter (`distribution_to_json`): a string
 * holding `{"name": "FloatDistribution", "attributes": {...}}`. Mapping:
 *
 * | fanin | Optuna | internal value |
 * |---|---|---|
 * | uniform(a, b) | FloatDistribution(low a, high b, log false, step null) | the value |
 * | logUniform(a, b) | FloatDistribution(a, b, log true) | the value |
 * | pow10(a, b) | FloatDistribution(10^a, 10^b, log true) | the value |
 * | int(a, b, step) | IntDistribution(a, b, log false, step) | the value |
 * | logInt(a, b) | IntDistribution(a, b, log true, step 1) | the value |
 * | categorical(c) | CategoricalDistribution(choices c) | index of the choice |
 * | fixed(v) | CategoricalDistribution(choices [v]) | 0 |
 */
export function optunaDistributionJson(distribution: Distribution): string {
  const json = distribution.toJSON() as Record<string, unknown>;
  switch (distribution.type) {
    case 'uniform':
      return JSON.stringify({
        name: 'FloatDistribution',
        attributes: { step: null, low: json.low, high: json.high, log: false },
      });
    case 'logUniform':
      return JSON.stringify({
        name: 'FloatDistribution',
        attributes: { step: null, low: json.low, high: json.high, log: true },
      });
    case 'pow10':
      return JSON.stringify({
        name: 'FloatDistribution',
        attributes: {
          step: null,
          low: 10 ** (json.low as number),
          high: 10 ** (json.high as number),
          log: true,
        },
      });
    case 'int':
      return JSON.stringify({
        name: 'IntDistribution',
        attributes: { log: false, step: json.step ?? 1, low: json.low, high: json.high },
      });
    case 'logInt':
      return JSON.stringify({
        name: 'IntDistribution',
        attributes: { log: true, step: 1, low: json.low, high: json.high },
      });
    case 'categorical':
      return JSON.stringify({
        name: 'CategoricalDistribution',
        attributes: { choices: json.choices },
      });
    default:
      return JSON.stringify({
        name: 'CategoricalDistribution',
        attributes: { choices: [json.value] },
      });
  }
}

/** Optuna's internal representation of a value: the index for categoricals, the number otherwise. */
export function optunaInternalValue(distribution: Distribution, value: ParamValue): number {
  if (distribution.type === 'categorical' || distribution.type === 'fixed') {
    const choices = (distribution.toJSON().choices as CategoricalChoice[] | undefined) ?? [
      distribution.toJSON().value as CategoricalChoice,
    ];
    return choices.indexOf(value);
  }
  return value as number;
}

/** Back from an Optuna distribution string and internal value to the parameter's value. */
export function optunaExternalValue(distributionJson: string, internal: number): ParamValue {
  const parsed = JSON.parse(distributionJson) as {
    name: string;
    attributes: { choices?: CategoricalChoice[] };
  };
  if (parsed.name === 'CategoricalDistribution')
    return parsed.attributes.choices?.[internal] ?? null;
  if (
    parsed.name === 'IntDistribution' ||
    parsed.name === 'IntUniformDistribution' ||
    parsed.name === 'IntLogUniformDistribution'
  )
    return Math.trunc(internal);
  return internal;
}

/**
 * The fanin distribution of an Optuna distribution string (`distribution_to_json`), for
 * studies Optuna wrote: FloatDistribution → uniform or logUniform (a float `step` is not
 * kept: the range is searched continuously), IntDistribution → int (with its step) or
 * logInt, CategoricalDistribution → categorical (fixed for one choice); Optuna's older
 * names (UniformDistribution, LogUniformDistribution, DiscreteUniformDistribution,
 * IntUniformDistribution, IntLogUniformDistribution) too. Throws on anything else.
 */
export function distributionFromOptuna(distributionJson: string): Distribution {
  const parsed = JSON.parse(distributionJson) as {
    name: string;
    attributes: {
      low?: number;
      high?: number;
      log?: boolean;
      step?: number | null;
      q?: number;
      choices?: CategoricalChoice[];
    };
  };
  const { low = Number.NaN, high = Number.NaN, log = false } = parsed.attributes;
  switch (parsed.name) {
    case 'FloatDistribution':
      return log ? logUniform(low, high) : uniform(low, high);
    case 'UniformDistribution':
    case 'DiscreteUniformDistribution':
      return uniform(low, high);
    case 'LogUniformDistribution':
      return logUniform(low, high);
    case 'IntDistribution':
      return log ? logInt(low, high) : int(low, high, { step: parsed.attributes.step ?? 1 });
    case 'IntUniformDistribution':
      return int(low, high, { step: parsed.attributes.step ?? 1 });
    case 'IntLogUniformDistribution':
      return logInt(low, high);
    case 'CategoricalDistribution': {
      const choices = parsed.attributes.choices ?? [];
      return choices.length === 1 ? fixed(choices[0]!) : categorical(choices);
    }
    default:
      throw new FaninError(
        'UNKNOWN_DISTRIBUTION',
        `unknown Optuna distribution "${parsed.name}"`,
        'fanin reads FloatDistribution, IntDistribution and CategoricalDistribution (and their older names)',
      );
  }
}
