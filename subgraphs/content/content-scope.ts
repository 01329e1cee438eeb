// Rules the content services share beyond lib/errors.ts: the syntax of keys.
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
