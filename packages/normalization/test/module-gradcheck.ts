import {
  type GradcheckOptions,
  type GradcheckResult,
  gradcheck,
  type Module,
  type Tensor,
  tf,
} from '@fanin/core';

/**
 * `gradcheck` over a module's input and every trainable parameter at once. The parameters
 * are passed to `gradcheck` as inputs; the function under test writes the values it receives
 * into the module's variables before running it (restoring the originals for the variables
 * that are not being perturbed), so both the analytic gradient (taken with respect to the
 * variables themselves) and the finite differences see the module exactly as it runs.
 */
export function moduleGradcheck(
  module: Module,
  x: Tensor,
  training: boolean,
  options: GradcheckOptions = {},
): GradcheckResult & { names: string[] } {
  module.ensureBuilt(x.shape);
  const parameters = [...module.namedParameters()];
  const variables = parameters.map(([, v]) => v);
  const originals = variables.map((v) => tf.keep(v.clone()));
  const f = (input: Tensor, ...values: Tensor[]) => {
    values.forEach((value, i) => {
      variables[i]!.assign(value === variables[i] ? originals[i]! : value);
    });
    return module.apply(input, { training });
  };
  try {
    const result = gradcheck(f, [x, ...variables], options);
    return { ...result, names: ['input', ...parameters.map(([name]) => name)] };
  } finally {
    variables.forEach((v, i) => {
      v.assign(originals[i]!);
    });
    tf.dispose(originals);
  }
}
