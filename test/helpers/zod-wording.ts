/**
 * zod's own English (its en locale, `zod/v4/locales/en.js`): what no message a person reads may
 * contain. A message says what to do with the field instead (lib/field-messages.ts).
 */
export const ZOD_WORDING =
  /Invalid input|Invalid option|Invalid string|Invalid number|Invalid discriminator|Invalid (?:key|value) in|Invalid [A-Z]*[a-z ]*(?:address|date|datetime|time|URL|UUID)\b|\bexpected\b|\breceived\b|Too small|Too big|must match pattern|Unrecognized key/;
