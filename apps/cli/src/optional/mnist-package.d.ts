// The CLI only imports the untyped `mnist` package to check that it is installed (see
// optional-modules.ts); @fanin/datasets reads it.
declare module 'mnist';
