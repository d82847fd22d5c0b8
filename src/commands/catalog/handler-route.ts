import type { AutoDeferConfig } from '../decorators/command-config';
import type { HandlerDeclaration } from '../decorators/handler-metadata';
import type { ParamDeclaration } from '../decorators/param.decorators';
import { getParams } from '../decorators/param.decorators';
import { getGuards } from '../decorators/use-guards.decorator';
import { BuilderLimitError } from '../../builders';
import { CommandDefinitionError } from '../command-errors';
import { checkModalForm } from '../context/modal-response';
import type { GuardLike } from '../guards/guard';
import { getFieldMetadata, getModalMetadata } from '../modals/modal.decorators';
import { getOptionMetadata } from '../options/option.decorator';

/** The kinds of handler a route can lead to. */
export type RouteKind = HandlerDeclaration['kind'];

/** One handler method, with what the router needs to call it. */
export interface HandlerRoute {
  readonly kind: RouteKind;
  readonly target: Function;
  readonly methodName: string;
  /** `Class.method`, for logs and errors. */
  readonly label: string;
  /** The command path (`'ticket open'`), context-menu name, or custom-id pattern. */
  readonly path: string;
  readonly params: readonly ParamDeclaration[];
  readonly guards: readonly GuardLike[];
  readonly autoDefer: AutoDeferConfig | undefined;
  readonly optionsDto: Function | undefined;
  readonly fieldsDto: Function | undefined;
}

const ALLOWED_PARAMS: Readonly<Record<ParamDeclaration['kind'], readonly RouteKind[] | 'all'>> = {
  ctx: 'all',
  user: 'all',
  member: 'all',
  guild: 'all',
  channel: 'all',
  options: ['command', 'subcommand'],
  fields: ['modalSubmit'],
  param: ['button', 'selectMenu', 'modalSubmit'],
  target: ['userCommand', 'messageCommand'],
  focused: ['autocomplete'],
  values: ['selectMenu'],
};

/**
 * The route to one handler method, after checking that every parameter can be filled for this
 * kind of handler (errors name the class, method and parameter).
 */
export function buildRoute(target: Function, handler: HandlerDeclaration, path: string, autoDefer: AutoDeferConfig | undefined): HandlerRoute {
  const className = target.name || 'anonymous class';
  const label = `${className}.${handler.methodName}`;
  const method = (target.prototype as Record<string, unknown>)[handler.methodName];
  if (typeof method !== 'function') throw new CommandDefinitionError(`${label} is decorated but is not a method.`);
  const params = getParams(target, handler.methodName);
  let optionsDto: Function | undefined;
  let fieldsDto: Function | undefined;
  for (const param of params) {
    const allowed = ALLOWED_PARAMS[param.kind];
    if (allowed !== 'all' && !allowed.includes(handler.kind)) {
      throw new CommandDefinitionError(
        `${label}: parameter ${param.index + 1} is @${param.kind[0]?.toUpperCase()}${param.kind.slice(1)}(), which only works in ${allowed.join('/')} handlers, and this is a ${handler.kind} handler.`,
      );
    }
    if (param.kind === 'options') {
      if (param.dto === undefined) {
        throw new CommandDefinitionError(`${label}: @Options() cannot see the options class (interface or \`import type\`?). Name it: @Options(MyOptions).`);
      }
      if (getOptionMetadata(param.dto).length === 0 && param.dto !== Object) {
        throw new CommandDefinitionError(`${label}: ${param.dto.name} declares no @Option properties.`);
      }
      optionsDto = param.dto;
    }
    if (param.kind === 'fields') {
      if (param.dto === undefined || getFieldMetadata(param.dto).length === 0) {
        throw new CommandDefinitionError(
          `${label}: @Fields() needs a class with @Field properties${param.dto === undefined ? ' (name it: @Fields(MyForm))' : `, and ${param.dto.name} has none`}.`,
        );
      }
      fieldsDto = param.dto;
    }
  }
  const declaredCount = (method as Function).length;
  for (let index = 0; index < declaredCount; index += 1) {
    if (!params.some((p) => p.index === index)) {
      throw new CommandDefinitionError(
        `${label}: parameter ${index + 1} has no decorator, so the router cannot fill it. Use @Ctx(), @Options(), @User(), @Guild(), @Param(name), ...`,
      );
    }
  }
  if (fieldsDto !== undefined && handler.kind === 'modalSubmit') {
    const modal = getModalMetadata(fieldsDto);
    if (modal !== undefined && modal.customId.pattern !== handler.customId.pattern) {
      throw new CommandDefinitionError(
        `${label}: @ModalSubmit('${handler.customId.pattern}') takes ${fieldsDto.name}, whose @Modal custom id is '${modal.customId.pattern}'. Use the same pattern.`,
      );
    }
    if (modal !== undefined) {
      try {
        checkModalForm(fieldsDto, modal.title);
      } catch (error) {
        if (!(error instanceof BuilderLimitError)) throw error;
        throw new CommandDefinitionError(`${label}: the @Modal form ${fieldsDto.name} breaks a modal limit: ${error.message}`);
      }
    }
  }
  return {
    kind: handler.kind,
    target,
    methodName: handler.methodName,
    label,
    path,
    params,
    guards: getGuards(target, handler.methodName),
    autoDefer,
    optionsDto,
    fieldsDto,
  };
}
