import { fileURLToPath } from 'node:url';

/** apps/docs */
export const DOCS_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
/** Screenshots and reports written by the browser tests (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts', import.meta.url));
