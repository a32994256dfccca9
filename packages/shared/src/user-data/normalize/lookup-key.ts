/**
 * The key a place name is looked up by in the country and state tables: ASCII letters only, accents
 * folded, `&` read as `and`, `saint` as `st`, a leading `the` dropped. So `Côte d'Ivoire`, `COTE D IVOIRE`
 * and `Côte d’Ivoire` are one key, as are `St. Lucia` and `Saint Lucia`.
 * @example toLookupKey('The Bahamas') // 'bahamas'
 */
export function toLookupKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/^\W*the\b/, '')
    .replace(/[^a-z]/g, '')
}
