/**
 * Imports a module that may not exist yet (a package still being written, an app not
 * built) and picks one export. Returns the export, or the reason it is missing, so a
 * benchmark can print a note and go on instead of failing the suite.
 */
export async function optionalExport<T>(
  specifier: string,
  exportName: string,
): Promise<{ readonly value: T } | { readonly missing: string }> {
  let module: Record<string, unknown>;
  try {
    // A variable specifier keeps bundlers and the type checker from requiring the module.
    module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { missing: `${specifier} could not be loaded (${text.split('\n')[0]})` };
  }
  if (!(exportName in module) || module[exportName] === undefined) {
    return { missing: `${specifier} does not export ${exportName} yet` };
  }
  return { value: module[exportName] as T };
}
