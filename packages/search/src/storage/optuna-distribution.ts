import type { CategoricalChoice, Distribution, ParamValue } from '../space/distribution.js';

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
