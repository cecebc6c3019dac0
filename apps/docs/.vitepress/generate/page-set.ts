// The generated pages of one build, keyed by path. Two sources writing the same path (an experiment
// and a CLI command sharing a name, say) would silently overwrite one page with the other, so
// adding a page whose path is taken fails and names both writers.
import type { GeneratedPage } from './registry-pages.js';

export class PageCollisionError extends Error {
  constructor(
    readonly path: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(
      `two reference pages would be written to ${path}: ${first} and ${second}. Give each source its own folder under reference/ (registry kinds, experiments/, cli/) or rename one of the entries.`,
    );
    this.name = 'PageCollisionError';
  }
}

export class PageSet {
  readonly #pages = new Map<string, { page: GeneratedPage; source: string }>();

  /** Adds pages written by `source` ("the experiments of @fanin/experiments"). */
  add(pages: readonly GeneratedPage[], source: string): void {
    for (const page of pages) {
      const taken = this.#pages.get(page.path);
      if (taken) throw new PageCollisionError(page.path, taken.source, source);
      this.#pages.set(page.path, { page, source });
    }
  }

  /** The pages in the order they were added. */
  get pages(): GeneratedPage[] {
    return [...this.#pages.values()].map((entry) => entry.page);
  }
}
