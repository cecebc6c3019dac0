import { useBackend } from '@fanin/core';

// Values are drawn in JavaScript, so most suites run on cpu; test/parity.test.ts and
// test/symmetry.test.ts switch to wasm explicitly and compare.
await useBackend('cpu');
