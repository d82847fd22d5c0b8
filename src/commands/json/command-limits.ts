/** Discord's published limits for application commands, in one place for messages and checks. */
export const COMMAND_LIMITS = {
  nameLength: 32,
  descriptionLength: 100,
  options: 25,
  choices: 25,
  choiceNameLength: 100,
  choiceStringValueLength: 100,
  stringOptionLength: 6000,
  /** All name, description and value texts of a command, its options and choices together. */
  combinedCharacters: 4000,
  globalChatInputCommands: 100,
  contextMenuCommandsPerType: 5,
} as const;

/**
 * Discord's pattern for slash-command and option names: letters (lowercase where a lowercase
 * exists), digits, Devanagari and Thai, `-`, `_` and `'`.
 */
export const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
