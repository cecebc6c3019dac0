import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's python3-torch lives here; the `python3` on PATH may lack torch. */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** PyTorch's time for the same training step, or why it was not measured. */
export type TorchResult =
  | {
      readonly measured: true;
      readonly version: string;
      readonly threads: number;
      /** Median over the rounds, wall clock. */
      readonly msPerStep: number;
      /** Median over the rounds, process CPU time. */
      readonly cpuMsPerStep: number;
      readonly samples: readonly number[];
      /** The BLAS torch was built against (`BLAS_INFO`, a build flag: Debian's says "generic"). */
      readonly blas: string;
      /** The BLAS libraries the PyTorch process had mapped (/proc/self/maps): what it ran. */
      readonly blasLoaded: readonly string[];
      /** Which BLAS that is: "openblas", "mkl", "blis", "reference" (netlib, slow) or "unknown". */
      readonly blasKind: string;
      readonly finalLoss: number;
    }
  | { readonly measured: false; readonly reason: string };

/**
 * Why a PyTorch time is no fair peer, or undefined: Debian's torch calls whatever
 * libblas.so.3 resolves to, and without OpenBLAS installed that is the reference BLAS
 * (~5 GFLOP/s), which makes the step ~7x slower than with OpenBLAS.
 */
export function blasWarning(torch: TorchResult | undefined): string | undefined {
  if (!torch?.measured) return undefined;
  if (torch.blasKind === 'reference')
    return `PyTorch ran on the reference BLAS (${torch.blasLoaded.join(', ')}): its step is several times slower than with an optimized BLAS, so ratios against it flatter fanin. Install OpenBLAS (apt-get install -y libopenblas0-pthread) and run again.`;
  if (torch.blasKind === 'unknown')
    return `PyTorch's BLAS could not be identified from its mapped libraries (${torch.blasLoaded.join(', ') || 'none found'}).`;
  return undefined;
}

/**
 * A PyTorch script committed in the package (`scripts/<name>`), found from this module
 * whether it runs from `src/training/` or from a bundle in `dist/`.
 */
export function torchScript(name: string): string {
  const relative = join('scripts', name);
  const from = dirname(fileURLToPath(import.meta.url));
  let directory = from;
  for (let level = 0; level < 4; level++) {
    const candidate = join(directory, relative);
    if (existsSync(candidate)) return candidate;
    directory = dirname(directory);
  }
  return join(from, '..', relative);
}
