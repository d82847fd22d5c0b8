import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIComponentInMessageActionRow,
  APIMessageTopLevelComponent,
  APISelectMenuComponent,
  APIStringSelectComponent,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { BuilderLimitError } from './builder-errors';
import { checkCount, checkLength } from './check-length';
import { COMPONENT_LIMITS } from './limits';

const SELECT_TYPES = new Set<ComponentType>([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

/**
 * Checks a message's action rows: at most 5 rows; in a row up to 5 buttons or exactly one select
 * menu; custom ids at most 100 characters and unique in the message; labels, placeholders and
 * select options within Discord's limits. Other top-level components (Components V2) are passed
 * over.
 *
 * @example
 * ```ts
 * validateComponents([new ActionRowBuilder().addComponents(confirm, cancel).toJSON()]);
 * ```
 */
export function validateComponents(components: readonly APIMessageTopLevelComponent[], path = 'components'): void {
  const rows = components.filter((c): c is APIActionRowComponent<APIComponentInMessageActionRow> => c.type === ComponentType.ActionRow);
  checkCount(rows.length, COMPONENT_LIMITS.actionRows, 'message.actionRows', path, 'action rows');
  const customIds = new Map<string, string>();
  components.forEach((component, rowIndex) => {
    if (component.type !== ComponentType.ActionRow) return;
    const rowPath = `${path}[${rowIndex}]`;
    const row = component as APIActionRowComponent<APIComponentInMessageActionRow>;
    checkCount(row.components.length, COMPONENT_LIMITS.buttonsPerRow, 'actionRow.components', `${rowPath}.components`, 'components', 1);
    const selects = row.components.filter((c) => SELECT_TYPES.has(c.type));
    if (selects.length > 0 && row.components.length > 1) {
      throw new BuilderLimitError('actionRow.select', `${rowPath}.components`, 'a select menu must be alone in its action row; move the other components to another row.');
    }
    row.components.forEach((child, index) => {
      const childPath = `${rowPath}.components[${index}]`;
      if (child.type === ComponentType.Button) validateButton(child, childPath);
      else if (SELECT_TYPES.has(child.type)) validateSelect(child as APISelectMenuComponent, childPath);
      const customId = (child as { custom_id?: string }).custom_id;
      if (customId !== undefined) {
        const other = customIds.get(customId);
        if (other !== undefined) {
          throw new BuilderLimitError('component.customId.unique', `${childPath}.custom_id`, `"${customId}" is also used at ${other}; custom ids must be unique within a message.`);
        }
        customIds.set(customId, childPath);
      }
    });
  });
}

/**
 * Checks one button: label length, custom id or URL or SKU according to its style.
 *
 * @example
 * ```ts
 * validateButton({ type: 2, style: 1, label: 'OK', custom_id: 'ok' });
 * ```
 */
export function validateButton(button: APIButtonComponent, path = 'button'): void {
  if ('label' in button && button.label !== undefined) checkLength(button.label, COMPONENT_LIMITS.buttonLabel, 'button.label', `${path}.label`);
  if (button.style === ButtonStyle.Link) {
    if (!('url' in button) || typeof button.url !== 'string' || !/^(https?|discord):\/\/\S+$/.test(button.url)) {
      throw new BuilderLimitError('button.url', `${path}.url`, 'a link button needs a url (http://, https:// or discord://) and no custom id.');
    }
    refuseCustomId(button, path, 'a link button opens its url and sends no interaction; remove the custom id or use another style.');
    return;
  }
  if (button.style === ButtonStyle.Premium) {
    if (!('sku_id' in button)) throw new BuilderLimitError('button.skuId', `${path}.sku_id`, 'a premium button needs a sku_id.');
    refuseCustomId(button, path, 'a premium button opens its SKU and sends no interaction; remove the custom id.');
    return;
  }
  const customId = 'custom_id' in button ? button.custom_id : undefined;
  if (typeof customId !== 'string') {
    throw new BuilderLimitError('button.customId', `${path}.custom_id`, 'a non-link button needs a custom id.');
  }
  checkLength(customId, COMPONENT_LIMITS.customId, 'component.customId', `${path}.custom_id`, 1);
  const label = 'label' in button ? button.label : undefined;
  const emoji = 'emoji' in button ? button.emoji : undefined;
  if (label === undefined && emoji === undefined) {
    throw new BuilderLimitError('button.label', path, 'a button needs a label or an emoji.');
  }
}

/**
 * Checks one select menu: custom id, placeholder, value counts and (string selects) options.
 *
 * @example
 * ```ts
 * validateSelect({ type: 3, custom_id: 'colour', options: [{ label: 'Red', value: 'red' }] });
 * ```
 */
export function validateSelect(select: APISelectMenuComponent, path = 'select'): void {
  checkLength(select.custom_id, COMPONENT_LIMITS.customId, 'component.customId', `${path}.custom_id`, 1);
  if (select.placeholder !== undefined) {
    checkLength(select.placeholder, COMPONENT_LIMITS.selectPlaceholder, 'select.placeholder', `${path}.placeholder`);
  }
  const min = select.min_values ?? 1;
  const max = select.max_values ?? 1;
  if (!(Number.isInteger(min) && min >= 0 && min <= COMPONENT_LIMITS.selectValues)) {
    throw new BuilderLimitError('select.minValues', `${path}.min_values`, `${min} must be an integer from 0 to ${COMPONENT_LIMITS.selectValues}.`);
  }
  if (!(Number.isInteger(max) && max >= 1 && max <= COMPONENT_LIMITS.selectValues)) {
    throw new BuilderLimitError('select.maxValues', `${path}.max_values`, `${max} must be an integer from 1 to ${COMPONENT_LIMITS.selectValues}.`);
  }
  if (min > max) throw new BuilderLimitError('select.minValues', `${path}.min_values`, `min_values ${min} is greater than max_values ${max}.`);
  if (select.type !== ComponentType.StringSelect) return;
  const options = (select as APIStringSelectComponent).options;
  checkCount(options.length, COMPONENT_LIMITS.selectOptions, 'select.options', `${path}.options`, 'options', 1);
  if (max > options.length) {
    throw new BuilderLimitError('select.maxValues', `${path}.max_values`, `max_values ${max} is more than the ${options.length} options offered.`);
  }
  const values = new Set<string>();
  options.forEach((option, index) => {
    const optionPath = `${path}.options[${index}]`;
    checkLength(option.label, COMPONENT_LIMITS.selectOptionLabel, 'select.option.label', `${optionPath}.label`, 1);
    checkLength(option.value, COMPONENT_LIMITS.selectOptionValue, 'select.option.value', `${optionPath}.value`, 1);
    if (option.description !== undefined) {
      checkLength(option.description, COMPONENT_LIMITS.selectOptionDescription, 'select.option.description', `${optionPath}.description`);
    }
    if (values.has(option.value)) {
      throw new BuilderLimitError('select.option.value.unique', `${optionPath}.value`, `"${option.value}" is offered twice; option values must be unique.`);
    }
    values.add(option.value);
  });
}

/** Discord refuses (50035) a custom id on buttons that send no interaction. */
function refuseCustomId(button: APIButtonComponent, path: string, message: string): void {
  if ((button as { custom_id?: unknown }).custom_id !== undefined) throw new BuilderLimitError('button.customId', `${path}.custom_id`, message);
}
