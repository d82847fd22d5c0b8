import { createMethodDecorator } from '../../di';
import type { HandlerDeclaration } from './handler-metadata';

/**
 * Every interaction decorator also leaves this discoverable mark, so the commands module finds
 * handler providers with `discovery.getMethods(InteractionHandlerMark)` (an index lookup) instead
 * of scanning every provider.
 *
 * @example
 * ```ts
 * const handlerClasses = new Set(discovery.getMethods(InteractionHandlerMark).map((found) => found.metatype));
 * ```
 */
export const InteractionHandlerMark = createMethodDecorator<HandlerDeclaration['kind']>('InteractionHandler');
