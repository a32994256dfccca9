/**
 * The ids platforms take as they are (never hashed): the browser and click ids, and with `hashInBrowser`
 * the only keys `user_data` keeps.
 */
export const NEVER_HASHED_KEYS: readonly string[] = 'fbp fbc ga_client_id ga_session_id ttclid ttp gclid'.split(' ')

/**
 * The keys of the relay's strict `user_data` schema that a page may send: the raw PII fields, then the
 * never-hashed ids. The tracker keeps only these (one unknown key would fail the whole batched beacon).
 * Pure, so the hash add-on, which needs only NEVER_HASHED_KEYS, leaves this list out.
 */
export const USER_DATA_KEYS: readonly string[] = /* @__PURE__ */ 'email phone first_name last_name street city state zip country gender date_of_birth external_id'
  .split(' ')
  .concat(NEVER_HASHED_KEYS)
