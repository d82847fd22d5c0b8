/** Discord's embed limits (characters unless noted). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** title + description + field names and values + footer text + author name, over all embeds of a message. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

/** Discord's limits for message components and modals. */
export const COMPONENT_LIMITS = {
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  selectValues: 25,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputLength: 4000,
  messageContent: 2000,
} as const;
