/**
 * One option or modal field that failed validation: `name` is what the user sees in Discord,
 * `property` the DTO property, `messages` why (Discord-side rules and class-validator rules).
 */
export interface InputFailure {
  readonly name: string;
  readonly property: string;
  readonly messages: readonly string[];
}
