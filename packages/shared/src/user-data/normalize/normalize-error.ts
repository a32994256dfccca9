/**
 * Why a normaliser refused a value: `empty` (nothing left to send) or `invalid` (cannot be this field).
 * Either way the value is dropped, never hashed (an empty string has a well-known SHA-256 that matches
 * nobody, and a value typed wrongly matches nobody either).
 */
export type NormalizeError = 'empty' | 'invalid'
