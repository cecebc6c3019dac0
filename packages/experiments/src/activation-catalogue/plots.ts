import { type Plot, plot } from '../shared/plot.js';
import type { CatalogueEntry } from './activation-catalogue.js';

/** One panel per activation: its value (solid) and derivative (dashed) over the inputs. */
export function activationCataloguePlots(
  x: readonly number[],
  entries: readonly CatalogueEntry[],
): Plot[] {
  const rows = entries.flatMap((entry) =>
    x.map((input, i) => ({
      activation: entry.activation,
      x: input,
      value: entry.value[i] ?? null,
      derivative: entry.derivative[i] ?? null,
    })),
  );
  return [
    plot('activations', 'Activations (solid) and their derivatives (dashed)', {
      data: { values: rows },
      transform: [
        { fold: ['value', 'derivative'], as: ['series', 'y'] },
        { filter: 'datum.y !== null' },
      ],
      facet: {
        field: 'activation',
        type: 'nominal',
        sort: entries.map((entry) => entry.activation),
        title: null,
      },
      columns: 5,
      spec: {
        width: 130,
        height: 100,
        mark: { type: 'line' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: null },
          y: { field: 'y', type: 'quantitative', title: null },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            sort: ['value', 'derivative'],
            legend: null,
          },
          color: { field: 'series', type: 'nominal', sort: ['value', 'derivative'], title: null },
        },
      },
      resolve: { scale: { y: 'independent' } },
    }),
  ];
}
