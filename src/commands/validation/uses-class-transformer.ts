import type { ClassConstructor } from 'class-transformer';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// The storage class-transformer's decorators write to. Not in its public index, but the module
// every version since 0.3 ships, and the one its own plainToInstance reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const storage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage }).defaultMetadataStorage;

const known = new WeakMap<Function, boolean>();

/**
 * Whether turning plain values into `dto` needs class-transformer: any `@Type`, `@Transform`,
 * `@Expose` or `@Exclude` on its properties (or ancestors'), or a class-level strategy. Decided
 * once per class, since decorators run when the class is defined.
 */
export function usesClassTransformer(dto: ClassConstructor<object>, properties: Iterable<string>): boolean {
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
