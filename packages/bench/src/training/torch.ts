import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../measure/statistics.js';
import type { MlpSpec } from './reference-mlp.js';

/**
 * The PyTorch script committed in the package (`scripts/torch_mlp.py`), found from this
 * module whether it runs from `src/training/` or from a bundle in `dist/`.
 */
export const TORCH_SCRIPT = findUp(
  join('scripts', 'torch_mlp.py'),
  dirname(fileURLToPath(import.meta.url)),
);

function findUp(relative: string, from: string): string {
  let directory = from;
  for (let level = 0; level < 4; level++) {
    const candidate = join(directory, relative);
    if (existsSync(candidate)) return candidate;
    directory = dirname(directory);
  }
  return join(from, '..', relative);
}

/** Debian's python3-torch lives here; the `python3` on PATH may lack torch. */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** PyTorch's time for the same training step, or why it was not measured. */
export type TorchResult =
  | {
      readonly measured: true;
      readonly version: string;
      readonly threads: number;
      /** Median over repeats, wall clock. */
      readonly msPerStep: number;
      /** Median over repeats, process CPU time. */
      readonly cpuMsPerStep: number;
      readonly samples: readonly number[];
      /** The BLAS torch was built against ("generic" is the slow reference BLAS). */
      readonly blas: string;
      readonly finalLoss: number;
    }
  | { readonly measured: false; readonly reason: string };

export interface TorchOptions {
  readonly python?: string;
  readonly steps: number;
  readonly repeats: number;
  readonly warmup?: number;
  readonly timeoutMs?: number;
}

interface ScriptOutput {
  torch: string;
  threads: number;
  msPerStep: number[];
  cpuMsPerStep: number[];
  blas: string;
  finalLoss: number;
}

/**
 * Times the reference MLP step in PyTorch on one CPU thread by running the committed script
 * with the system Python. Never throws: a missing Python or torch gives `measured: false`.
 */
export async function torchStepTime(spec: MlpSpec, options: TorchOptions): Promise<TorchResult> {
  const python = options.python ?? DEFAULT_PYTHON;
  if (!existsSync(python)) return { measured: false, reason: `${python} not found` };
  if (!existsSync(TORCH_SCRIPT)) return { measured: false, reason: `${TORCH_SCRIPT} not found` };
  const args = [
    TORCH_SCRIPT,
    '--sizes',
    spec.sizes.join(','),
    '--batch',
    String(spec.batchSize),
    '--lr',
    String(spec.learningRate),
    '--steps',
    String(options.steps),
    '--repeats',
    String(options.repeats),
    '--warmup',
    String(options.warmup ?? 10),
    '--label-smoothing',
    String(spec.labelSmoothing),
    '--batches',
    String(spec.batchesPerEpoch),
  ];
  try {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        python,
        args,
        { timeout: options.timeoutMs ?? 300_000, env: { ...process.env, OMP_NUM_THREADS: '1' } },
        (error, out, err) =>
          error ? reject(new Error(lastLine(err) || error.message)) : resolve(out),
      );
    });
    const result = JSON.parse(lastLine(stdout)) as ScriptOutput;
    return {
      measured: true,
      version: result.torch,
      threads: result.threads,
      msPerStep: median(result.msPerStep),
      cpuMsPerStep: median(result.cpuMsPerStep),
      samples: result.msPerStep,
      blas: result.blas,
      finalLoss: result.finalLoss,
    };
  } catch (error) {
    return { measured: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
