import type { APIApplicationCommandInteractionDataBasicOption, APIInteractionDataResolved } from 'discord-api-types/v10';
import type { ClassConstructor } from 'class-transformer';
import type { HandlerRoute } from '../catalog/command-catalog';
import { AutocompleteContext } from '../context/autocomplete-context';
import { CommandContext } from '../context/command-context';
import { ComponentContext, ModalContext } from '../context/component-context';
import type { InteractionContext } from '../context/interaction-context';
import type { ParamKind } from '../decorators/param.decorators';
import { readFields } from '../modals/read-fields';
import { readOptions } from '../options/read-options';
import { buildDto } from '../validation/build-dto';
import type { InputFailure } from '../validation/input-failure';

/** The handler's arguments by parameter index, or every input that failed validation. */
export type HandlerArguments = { readonly ok: true; readonly args: unknown[] } | { readonly ok: false; readonly failures: readonly InputFailure[] };

/**
 * Builds the arguments of a handler call from its decorated parameters: the options DTO or modal
 * form (read, re-checked and validated), the context and the pieces of the interaction.
 */
export async function handlerArguments(
  ctx: InteractionContext,
  route: HandlerRoute,
  sent: readonly APIApplicationCommandInteractionDataBasicOption[],
): Promise<HandlerArguments> {
  let dto: object | undefined;
  const failures: InputFailure[] = [];
  const read =
    route.optionsDto !== undefined
      ? { dto: route.optionsDto, ...readOptions(route.optionsDto, sent, (ctx.interaction.data as { resolved?: APIInteractionDataResolved } | undefined)?.resolved) }
      : route.fieldsDto !== undefined && ctx instanceof ModalContext
        ? { dto: route.fieldsDto, ...readFields(route.fieldsDto, ctx.interaction.data) }
        : undefined;
  if (read !== undefined) {
    failures.push(...read.failures);
    if (read.failures.length === 0) {
      const built = await buildDto(read.dto as ClassConstructor<object>, read.plain, read.names);
      if (built.ok) dto = built.value;
      else failures.push(...built.failures);
    }
  }
  if (failures.length > 0) return { ok: false, failures };
  const args: unknown[] = [];
  for (const param of route.params) args[param.index] = argument(param.kind, param.name, ctx, dto);
  return { ok: true, args };
}

function argument(kind: ParamKind, name: string | undefined, ctx: InteractionContext, dto: object | undefined): unknown {
  switch (kind) {
    case 'options':
    case 'fields':
      return dto;
    case 'ctx':
      return ctx;
    case 'user':
      return ctx.user;
    case 'member':
      return ctx.member;
    case 'guild':
      return ctx.guild;
    case 'channel':
      return ctx.channel;
    case 'param':
      return ctx.params[name ?? ''];
    case 'target':
      return ctx instanceof CommandContext ? (ctx.targetUser ?? ctx.targetMessage) : undefined;
    case 'focused':
      return ctx instanceof AutocompleteContext ? ctx.focused.value : undefined;
    case 'values':
      return ctx instanceof ComponentContext ? ctx.values : [];
  }
}
