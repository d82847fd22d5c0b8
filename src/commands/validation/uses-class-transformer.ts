import type { ClassConstructor } from 'class-transformer';
import { TransformationType, Type } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// The storage class-transformer's decorators write to. Not in its public index, but the module
// every version since 0.3 ships, and the one its own plainToInstance reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const storage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage }).defaultMetadataStorage;

/**
 * True when the decorators users import write to `storage`. A second copy of class-transformer (an
 * ESM build next to the CJS one, say) would have its own store: then nothing can be skipped safely.
 */
const storageIsShared = ((): boolean => {
  class Probe {
    public value: unknown;
  }
  Type(() => Probe)(Probe.prototype, 'value');
  return storage.findTypeMetadata(Probe, 'value') !== undefined;
})();

const known = new WeakMap<Function, boolean>();

/**
 * Whether turning plain values into `dto` needs class-transformer: any `@Type`, `@Transform`,
 * `@Expose` or `@Exclude` on its properties (or ancestors'), or a class-level strategy. Decided
 * once per class, since decorators run when the class is defined.
 */
export function usesClassTransformer(dto: ClassConstructor<object>, properties: Iterable<string>): boolean {
  if (!storageIsShared) return true;
  const cached = known.get(dto);
  if (cached !== undefined) return cached;
  let uses = storage.getStrategy(dto) !== 'none' || storage.getExposedMetadatas(dto).length > 0 || storage.getExcludedMetadatas(dto).length > 0;
  for (const property of properties) {
    if (uses) break;
    uses =
      storage.findTypeMetadata(dto, property) !== undefined ||
      storage.findTransformMetadatas(dto, property, TransformationType.PLAIN_TO_CLASS).length > 0;
  }
  known.set(dto, uses);
  return uses;
}
