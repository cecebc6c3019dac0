/**
 * Backend parity of the initializers, as plain functions that any suite can re-run (the
 * browser suite runs them under webgl): every scheme draws its values in JavaScript from the
 * seeded stream, so a seed must give the same bytes on cpu, wasm and webgl.
 *
 * ```ts
 * await useBackend('cpu');
 * const reference = await initializerBytes(registry);
 * await useBackend('webgl');
 * expect(differingCases(reference, await initializerBytes(registry))).toEqual([]);
 * ```
 */
import { type EntryConfig, Random, type Registry } from '@fanin/core';

/** One config and a shape exercising it. */
export interface ParityCase {
  readonly config: EntryConfig;
  readonly shape: readonly number[];
}

/** Every scheme but pretrained (which reads a file), with non-default options. */
export const parityCases: readonly ParityCase[] = [
  { config: 'zeros', shape: [3, 4] },
  { config: 'ones', shape: [5] },
  { config: { type: 'constant', value: -0.75 }, shape: [2, 3] },
  { config: { type: 'normal', mean: 0.1, std: 0.02 }, shape: [64, 32] },
  { config: { type: 'uniform', min: -0.3, max: 0.2 }, shape: [64, 32] },
  { config: { type: 'truncatedNormal', std: 0.5, bound: 1.5 }, shape: [64, 32] },
  { config: { type: 'truncatedNormal', bound: 0.4 }, shape: [64, 32] },
  { config: { type: 'varianceScaling', scale: 2, mode: 'fanAvg' }, shape: [3, 3, 8, 16] },
  {
    config: { type: 'varianceScaling', mode: 'fanGeoAvg', distribution: 'uniform' },
    shape: [40, 20],
  },
  { config: 'glorotNormal', shape: [50, 30] },
  { config: { type: 'xavierUniform', gain: 1.5 }, shape: [50, 30] },
  { config: { type: 'heNormal', mode: 'fanOut', negativeSlope: 0.1 }, shape: [3, 3, 8, 16] },
  { config: 'kaimingUniform', shape: [50, 30] },
  { config: 'lecunNormal', shape: [50, 30] },
  { config: 'lecunUniform', shape: [50, 30] },
  { config: { type: 'orthogonal', gain: 2 }, shape: [30, 50] },
  { config: 'orthogonal', shape: [3, 3, 8, 16] },
  { config: { type: 'identity', gain: 0.5 }, shape: [4, 6] },
];

/** A readable label of a case. */
export function caseLabel({ config, shape }: ParityCase): string {
  return `${JSON.stringify(config)} [${shape.join(', ')}]`;
}

/**
 * Runs every case on the current backend with a fixed seed and returns the bytes of each
 * initial tensor, by case label.
 */
export async function initializerBytes(
  registry: Registry,
  seed = 2024,
  cases: readonly ParityCase[] = parityCases,
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const entry of cases) {
    const label = caseLabel(entry);
    const initializer = registry.create('initializer', entry.config);
    const tensor = initializer.init(entry.shape, {
      random: new Random(seed).fork(label),
      name: 'kernel',
    });
    const values = (await tensor.data()) as Float32Array;
    tensor.dispose();
    out.set(
      label,
      new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)),
    );
  }
  return out;
}

/** Labels of the cases whose bytes differ between two runs (empty when they all agree). */
export function differingCases(
  a: ReadonlyMap<string, Uint8Array>,
  b: ReadonlyMap<string, Uint8Array>,
): string[] {
  const labels = new Set([...a.keys(), ...b.keys()]);
  return [...labels].filter((label) => {
    const x = a.get(label);
    const y = b.get(label);
    return !x || !y || x.length !== y.length || x.some((byte, i) => byte !== y[i]);
  });
}
