/** Validation codes of `/debug/mp/collect` (platforms.md 2.5). */
export type Ga4ValidationCode =
  | 'VALUE_INVALID'
  | 'VALUE_REQUIRED'
  | 'NAME_INVALID'
  | 'NAME_RESERVED'
  | 'VALUE_OUT_OF_BOUNDS'
  | 'EXCEEDED_MAX_ENTITIES'
  | 'NAME_DUPLICATED'

/** One entry of `/debug/mp/collect`'s `validationMessages` (platforms.md 2.5). */
export type Ga4ValidationMessage = { fieldPath: string; description: string; validationCode: Ga4ValidationCode }

/** @example ga4Message('client_id', 'is required', 'VALUE_REQUIRED') */
export function ga4Message(fieldPath: string, description: string, validationCode: Ga4ValidationCode): Ga4ValidationMessage {
  return { fieldPath, description, validationCode }
}
