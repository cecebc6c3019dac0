import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Vitest runs each test file in a fresh worker process, so the module cache starts empty of
// the mnist package. It is CommonJS: however it is imported, Node records it in require.cache.
const require = createRequire(import.meta.url);
const mnistEntry = require.resolve('mnist');
const loaded = () =>
  Object.keys(require.cache).filter(
    (path) => path === mnistEntry || path.includes(`${mnistEntry.replace(/mnist\.js$/, '')}digits`),
  );

describe('lazy loading of the mnist package', () => {
  it('importing @fanin/datasets (every export, the plugin, the entry) does not load mnist', async () => {
    expect(loaded()).toEqual([]);
    const module = await import('../index.js');
    expect(Object.keys(module).length).toBeGreaterThan(30);
    const { createRegistry } = await import('@fanin/core');
    const source = createRegistry({ plugins: [module.datasets] }).dataset('mnist');
    expect(source.examples).toBe(10000);
    expect(loaded()).toEqual([]);

    // The check can fail: loading MNIST does put the package and its 10 JSON files in the cache.
    const data = await source.load();
    expect(loaded()).toContain(mnistEntry);
    expect(loaded().length).toBe(11);
    module.disposeDataset(data);
  });
});
