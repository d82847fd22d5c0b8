/**
 * The synthetic application both frameworks build: framework-neutral, so the two graphs have
 * exactly the same modules, providers, kinds and edges.
 */
export interface ProviderSpec {
  readonly name: string;
  readonly kind: 'class' | 'factory' | 'value';
  /** Names of providers this one depends on (same module, or exported by an imported module). */
  readonly deps: readonly string[];
}

export interface ModuleSpec {
  readonly name: string;
  readonly imports: readonly string[];
  readonly providers: readonly ProviderSpec[];
  readonly exports: readonly string[];
}

export interface GraphSpec {
  readonly root: string;
  readonly modules: readonly ModuleSpec[];
  readonly providerCount: number;
}

/**
 * `layers` levels of `perLayer` modules (depth = layers), each module importing two modules of
 * the next level and holding `perModule` providers: 60% classes, 20% factories, 20% values.
 * Classes depend on a provider of their own module and one exported by an import.
 */
export function buildGraphSpec(layers = 10, perLayer = 10, perModule = 10): GraphSpec {
  const modules: ModuleSpec[] = [];
  const name = (layer: number, index: number): string => `M${layer}_${index}`;
  for (let layer = layers - 1; layer >= 0; layer--) {
    for (let index = 0; index < perLayer; index++) {
      const moduleName = name(layer, index);
      const imports = layer === layers - 1 ? [] : [name(layer + 1, index), name(layer + 1, (index + 1) % perLayer)];
      const importedExport = imports[0] === undefined ? undefined : `${imports[0]}_P0`;
      const providers: ProviderSpec[] = [];
      for (let p = 0; p < perModule; p++) {
        const providerName = `${moduleName}_P${p}`;
        const kind = p % 5 === 3 ? 'factory' : p % 5 === 4 ? 'value' : 'class';
        const deps: string[] = [];
        if (kind !== 'value') {
          if (p > 0) deps.push(`${moduleName}_P${p - 1}`);
          if (importedExport !== undefined && p % 2 === 0) deps.push(importedExport);
        }
        providers.push({ name: providerName, kind, deps });
      }
      modules.push({ name: moduleName, imports, providers, exports: [`${moduleName}_P0`, `${moduleName}_P1`, `${moduleName}_P2`] });
    }
  }
  const rootImports = Array.from({ length: perLayer }, (_, index) => name(0, index));
  modules.push({ name: 'AppModule', imports: rootImports, providers: [], exports: [] });
  return { root: 'AppModule', modules, providerCount: layers * perLayer * perModule };
}
