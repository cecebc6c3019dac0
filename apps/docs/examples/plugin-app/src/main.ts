import { squareplusPlugin } from '@acme/fanin-squareplus';
import { activations } from '@fanin/activations';
import { core, createRegistry, tf, useBackend } from '@fanin/core';

await useBackend('cpu');
// The plugin's entries are typed like fanin's own: 'squareplus' and its option `b` are checked
// by the compiler, and a misspelled name is a compile error.
const fanin = createRegistry({ plugins: [core, activations, squareplusPlugin] });
const squareplus = fanin.activation('squareplus', { b: 4 });
const output = tf.tidy(() => squareplus.apply(tf.tensor1d([-2, 0, 2])).arraySync());
console.log(JSON.stringify(output)); // (x + sqrt(x² + 4)) / 2: [0.414..., 1, 2.414...]
