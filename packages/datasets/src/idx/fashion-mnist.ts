/**
 * The class names of Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017), a drop-in replacement
 * for MNIST with the same IDX files and shapes: pass them to `loadIdxFiles` or `datasetFromIdx`.
 */
export const FASHION_MNIST_CLASS_NAMES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);
