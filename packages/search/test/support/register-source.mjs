// `node --import ./register-source.mjs script.ts`: installs @fanin/test-support's source hooks
// (see tools/test-support/src/source-hooks.mjs), which let node run the TypeScript sources.
import { register } from 'node:module';

register('@fanin/test-support/source-hooks', import.meta.url);
