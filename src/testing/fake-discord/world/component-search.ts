/** The fields of any component that matter when looking for a `custom_id`. */
interface AnyComponent {
  type: number;
  custom_id?: string;
  components?: AnyComponent[];
  component?: AnyComponent;
  accessory?: AnyComponent;
}

/** Depth-first search through rows, labels and section accessories. */
export function findComponent(components: readonly unknown[], customId: string): AnyComponent | undefined {
  for (const raw of components) {
    const component = raw as AnyComponent;
    if (component.custom_id === customId) return component;
    const nested = [...(component.components ?? []), ...(component.component === undefined ? [] : [component.component]), ...(component.accessory === undefined ? [] : [component.accessory])];
    const found = findComponent(nested, customId);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every `custom_id` of a component tree, for error messages. */
export function listCustomIds(components: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const raw of components) {
    const component = raw as AnyComponent;
    if (component.custom_id !== undefined) ids.push(component.custom_id);
    ids.push(...listCustomIds([...(component.components ?? []), ...(component.component === undefined ? [] : [component.component]), ...(component.accessory === undefined ? [] : [component.accessory])]));
  }
  return ids;
}
