// A static SVG plot of an activation and its derivative, computed at build time on the cpu
// backend from the real entry (the live explorer does the same in the browser on webgl).
import type { EntryInfo, grad as gradFunction, Registry, tf as tfNamespace } from '@fanin/core';
import { escapeText, formatNumber } from './markdown.js';

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 32, left: 44 };

/** The parts of @fanin/core the plot needs. */
export interface PlotCore {
  readonly tf: typeof tfNamespace;
  readonly grad: typeof gradFunction;
}

export interface Samples {
  readonly x: number[];
  readonly y: number[];
  readonly dy: number[];
}

/**
 * Samples f and f' on [-limit, limit]. Returns undefined when the entry is not a function of
 * one number: required options, a shape it needs (maxout's kernel), or a function that mixes
 * elements (softmax), detected by applying it to the same values as a column and as a row.
 */
export function sampleActivation(
  core: PlotCore,
  registry: Registry,
  info: EntryInfo,
  options: { points?: number; limit?: number } = {},
): Samples | undefined {
  if (info.kind !== 'activation' || info.options.some((option) => option.required))
    return undefined;
  const { tf } = core;
  const points = options.points ?? 161;
  const limit = options.limit ?? 4;
  const xs = Array.from({ length: points }, (_, i) => -limit + (2 * limit * i) / (points - 1));
  // A fresh module per input: learnable activations build their parameters for the first shape they see.
  const column = registry.activation(info.name);
  const row = registry.activation(info.name);
  try {
    const result = tf.tidy(() => {
      const x = tf.tensor2d(xs, [points, 1]);
      const y = column.apply(x);
      if (y.shape.join() !== x.shape.join()) return undefined;
      const byColumn = y.dataSync();
      const byRow = row.apply(tf.tensor2d(xs, [1, points])).dataSync();
      for (let i = 0; i < points; i++) {
        const a = byColumn[i] ?? Number.NaN;
        const b = byRow[i] ?? Number.NaN;
        if (
          !(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a))) &&
          !(Number.isNaN(a) && Number.isNaN(b))
        )
          return undefined;
      }
      const dy = core.grad((input) => tf.sum(column.apply(input)))(x);
      return { y: Array.from(byColumn), dy: Array.from(dy.dataSync()) };
    });
    return result ? { x: xs, y: result.y, dy: result.dy } : undefined;
  } catch (error) {
    // Entries that need a particular input shape (maxout's pieces) throw a FaninError: no plot.
    if (error && typeof error === 'object' && 'code' in error) return undefined;
    throw error;
  } finally {
    column.dispose();
    row.dispose();
  }
}

function niceTicks(low: number, high: number, count = 5): number[] {
  const span = high - low || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count + 1) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step)
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

/** The SVG markup of the plot (inline, styled by the site's CSS variables). */
export function activationSvg(
  name: string,
  samples: Samples,
  options: { explorerLink?: string } = {},
): string {
  const finite = [...samples.y, ...samples.dy].filter(Number.isFinite);
  let low = Math.min(-1, ...finite);
  let high = Math.max(1, ...finite);
  const pad = (high - low) * 0.05;
  low -= pad;
  high += pad;
  const x0 = samples.x[0] ?? -1;
  const x1 = samples.x[samples.x.length - 1] ?? 1;
  const sx = (x: number) =>
    MARGIN.left + ((x - x0) / (x1 - x0)) * (WIDTH - MARGIN.left - MARGIN.right);
  const sy = (y: number) =>
    HEIGHT - MARGIN.bottom - ((y - low) / (high - low)) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const path = (values: readonly number[]) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${sx(samples.x[i] ?? 0).toFixed(1)},${sy(Math.min(high, Math.max(low, v))).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const parts: string[] = [];
  for (const t of niceTicks(low, high)) {
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}"/>`,
    );
    parts.push(
      `<text class="tick" x="${MARGIN.left - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end">${formatNumber(Number(t.toPrecision(6)))}</text>`,
    );
  }
  for (const t of niceTicks(x0, x1, 8)) {
    parts.push(
      `<line class="grid" x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"/>`,
    );
    parts.push(
      `<text class="tick" x="${sx(t).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${formatNumber(t)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${sy(0).toFixed(1)}" y2="${sy(0).toFixed(1)}"/>`,
  );
  parts.push(
    `<line class="axis" x1="${sx(0).toFixed(1)}" x2="${sx(0).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"/>`,
  );
  parts.push(`<path class="derivative" d="${path(samples.dy)}"/>`);
  parts.push(`<path class="value" d="${path(samples.y)}"/>`);
  const label = escapeText(name);
  const explorer = options.explorerLink
    ? ` The <a href="${options.explorerLink}">activation explorer</a> draws it live on WebGL.`
    : '';
  return [
    '<figure class="fanin-plot">',
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label} and its derivative on [${formatNumber(x0)}, ${formatNumber(x1)}]">`,
    ...parts,
    '</svg>',
    `<figcaption><span class="key value"></span> ${label}(x) <span class="key derivative"></span> its derivative, computed by fanin's autograd at build time (cpu backend).${explorer}</figcaption>`,
    '</figure>',
  ].join('\n');
}
