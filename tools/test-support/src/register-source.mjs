// `node --import ./register-source.mjs script.ts`: installs source-hooks.mjs (see there).
import { register } from 'node:module';

register('./source-hooks.mjs', import.meta.url);
