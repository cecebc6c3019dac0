// The npm install line a usage sample needs, from the packages' own manifests: each package
// after the required (non-optional) peer dependencies it declares, so that the sample runs as
// written in a fresh project. Optional peers (a tfjs backend, the mnist package) are added by
// the caller when the sample loads them.

/** A package's manifest, as far as its install line goes. */
export interface PeerManifest {
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

/** The required peers of a package (none for a package not in `manifests`). */
export function requiredPeers(manifest: PeerManifest | undefined): string[] {
  return Object.keys(manifest?.peerDependencies ?? {}).filter(
    (peer) => !manifest?.peerDependenciesMeta?.[peer]?.optional,
  );
}

/** The optional peers of a package: what some of its entries load when used (a backend, the mnist package). */
export function optionalPeers(manifest: PeerManifest | undefined): string[] {
  return Object.keys(manifest?.peerDependencies ?? {}).filter(
    (peer) => manifest?.peerDependenciesMeta?.[peer]?.optional,
  );
}

/** `npm i <peers and packages>`, each name once, every package after its required peers. */
export function installLine(
  packages: readonly string[],
  manifests: ReadonlyMap<string, PeerManifest>,
): string {
  const ordered: string[] = [];
  const visit = (name: string, path: readonly string[]) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const peer of requiredPeers(manifests.get(name))) visit(peer, [...path, name]);
    ordered.push(name);
  };
  for (const name of packages) visit(name, []);
  return `npm i ${ordered.join(' ')}`;
}
