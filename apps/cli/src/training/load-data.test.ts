import { describe, expect, it } from 'vitest';
import { exampleLayout } from './load-data.js';

const mnist = { name: 'mnist', features: 784, exampleShape: [28, 28] } as const;
const spiral = { name: 'spiral', features: 2 } as const;

describe('exampleLayout', () => {
  it('serves rows to [features] and NHWC images to the image shape', () => {
    expect(exampleLayout([784], mnist)).toBe('flat');
    expect(exampleLayout([28, 28, 1], mnist)).toBe('image');
    expect(exampleLayout([2], spiral)).toBe('flat');
    expect(
      exampleLayout([32, 32, 3], { name: 'cifar', features: 3072, exampleShape: [32, 32, 3] }),
    ).toBe('image');
  });

  it('names the shapes that fit when the inputShape does not', () => {
    expect(() => exampleLayout([28, 28, 3], mnist)).toThrow(
      'inputShape: [28, 28, 3] (2352 inputs) does not fit dataset "mnist", whose examples are 28 x 28 images with 1 channel (784 features). Use "inputShape": [784] for rows or [28, 28, 1] for images',
    );
    expect(() => exampleLayout([1, 28, 28], mnist)).toThrow(
      'whose examples are 28 x 28 images with 1 channel (784 features) (fanin is channels last, NHWC)',
    );
    expect(() => exampleLayout([28, 28], mnist)).toThrow('inputShape: [28, 28] (784 inputs)');
    expect(() => exampleLayout([2, 1, 1], spiral)).toThrow(
      'inputShape: [2, 1, 1] (2 inputs) does not fit dataset "spiral", whose examples have 2 features. Use "inputShape": [2]',
    );
  });
});
