// The faceted demo plots take the width their chart has: side by side where the panels fit,
// stacked on a phone, never wider than the room they were given.
import { describe, expect, it } from 'vitest';
import {
  facetLayout,
  facetWidth,
  layerHistogramsSpec,
  raceSpec,
} from '../.vitepress/theme/lib/charts.js';

/** The chart's width in the docs' content column on a 390 px phone and on a desktop. */
const PHONE = 308;
const DESKTOP = 654;

interface Faceted {
  columns: number;
  spec: { width: number };
}

const runs = ['none', 'batchNorm'].map((variant) => ({
  variant,
  history: { epoch: [1, 2, 3], loss: [1.1, 1, 0.9], val_accuracy: [0.3, 0.4, 0.5] },
}));
const bins = [1, 2, 3, 4, 5].flatMap((layer) =>
  [0, 1, 2].map((bin) => ({ layer, binStart: bin, binEnd: bin + 1, share: 1 / 3 })),
);
const fits = (spec: Faceted, width: number, sharedYAxis: boolean) =>
  facetWidth({ columns: spec.columns, panelWidth: spec.spec.width, sharedYAxis }) <= width;

describe('facet layout', () => {
  it('puts as many panels side by side as fit, and at least one', () => {
    expect(facetLayout(DESKTOP, 200, 2).columns).toBe(2);
    expect(facetLayout(PHONE, 200, 2).columns).toBe(1);
    expect(facetLayout(100, 200, 2)).toEqual({ columns: 1, panelWidth: 42, sharedYAxis: false });
    for (const width of [PHONE, 390, DESKTOP, 1000])
      for (const columns of [1, 2, 5])
        for (const shared of [false, true])
          expect(facetWidth(facetLayout(width, 80, columns, shared))).toBeLessThanOrEqual(width);
  });
});

describe('faceted demo plots', () => {
  it('stacks the two panels of the batch norm race on a phone', () => {
    const phone = raceSpec(runs, PHONE) as unknown as Faceted;
    const desktop = raceSpec(runs, DESKTOP) as unknown as Faceted;
    expect([phone.columns, desktop.columns]).toEqual([1, 2]);
    expect(fits(phone, PHONE, false) && fits(desktop, DESKTOP, false)).toBe(true);
    expect(phone.spec.width).toBeGreaterThan(200);
  });

  it('wraps the layer histograms to the width', () => {
    const phone = layerHistogramsSpec(bins, PHONE) as unknown as Faceted;
    const desktop = layerHistogramsSpec(bins, DESKTOP) as unknown as Faceted;
    expect(phone.columns).toBeLessThanOrEqual(2);
    expect(desktop.columns).toBe(5);
    expect(fits(phone, PHONE, true) && fits(desktop, DESKTOP, true)).toBe(true);
  });
});
