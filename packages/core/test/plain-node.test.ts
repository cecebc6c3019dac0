import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The published package must work under plain `node` (no bundler, no vitest): tfjs-core's own
// gradient files cannot be loaded there, so this guards the bundling in tsup.config.ts.
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('the built package under plain node', () => {
  it('computes grad of exp and prod on cpu and wasm', () => {
    expect(
      existsSync(dist),
      `${dist} is missing: run pnpm build (turbo's test task builds first)`,
    ).toBe(true);
    const script = `
      import { useBackend, grad, tf, currentBackend } from ${JSON.stringify(dist)};
      const out = {};
      for (const b of ['cpu', 'wasm']) {
        await useBackend(b);
        out[currentBackend()] = {
          exp: grad((x) => tf.exp(x))(tf.scalar(1)).dataSync()[0],
          prod: [...grad((x) => tf.prod(x))(tf.tensor1d([2, 3, 4])).dataSync()],
          second: grad(grad((x) => tf.tanh(x)))(tf.scalar(0.5)).dataSync()[0],
        };
      }
      console.log(JSON.stringify(out));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    const t = Math.tanh(0.5);
    for (const backend of ['cpu', 'wasm']) {
      expect(result[backend].exp).toBeCloseTo(Math.E, 5);
      expect(result[backend].prod).toEqual([12, 8, 6]);
      expect(result[backend].second).toBeCloseTo(-2 * t * (1 - t * t), 5);
    }
  });
});
