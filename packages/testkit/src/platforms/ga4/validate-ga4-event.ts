import { checkGa4EventName, checkGa4ParamName, GA4_MAX_NAME_LENGTH, type Ga4NameProblem } from './ga4-names.js'
import { ga4Message, type Ga4ValidationCode, type Ga4ValidationMessage } from './ga4-validation-message.js'
import { validateGa4TimestampMicros } from './validate-ga4-timestamp.js'

// platforms.md 2.2.
const MAX_PARAMS = 25
const MAX_PARAM_VALUE_LENGTH = 100

const NAME_CODES: Record<Exclude<Ga4NameProblem, null>, Ga4ValidationCode> = {
  too_long: 'VALUE_OUT_OF_BOUNDS',
  invalid: 'NAME_INVALID',
  reserved: 'NAME_RESERVED',
}

function validateParams(params: unknown, path: string): Ga4ValidationMessage[] {
  if (params === undefined) return []
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return [ga4Message(path, 'params must be an object', 'VALUE_INVALID')]
  }
  const entries = Object.entries(params)
  const messages: Ga4ValidationMessage[] = []
  if (entries.length > MAX_PARAMS) {
    messages.push(ga4Message(path, `An event may have at most ${MAX_PARAMS} params; got ${entries.length}.`, 'EXCEEDED_MAX_ENTITIES'))
  }
  for (const [name, value] of entries) {
    const problem = checkGa4ParamName(name, GA4_MAX_NAME_LENGTH)
    if (problem !== null) messages.push(ga4Message(`${path}.${name}`, `Param name [${name}] is ${problem.replace('_', ' ')}.`, NAME_CODES[problem]))
    if (name === 'items') {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
        messages.push(ga4Message(`${path}.items`, 'items must be an array of objects', 'VALUE_INVALID'))
      }
    } else if (typeof value === 'string' && value.length > MAX_PARAM_VALUE_LENGTH) {
      messages.push(ga4Message(`${path}.${name}`, `Param value exceeds ${MAX_PARAM_VALUE_LENGTH} characters.`, 'VALUE_OUT_OF_BOUNDS'))
    } else if (typeof value === 'object' && value !== null) {
      messages.push(ga4Message(`${path}.${name}`, 'Param values must be strings, numbers or booleans (only items may be an array).', 'VALUE_INVALID'))
    }
  }
  return messages
}

/**
 * Checks one event of an MP payload: name rules, reserved names, params, per-event `timestamp_micros`
 * (platforms.md 2.2).
 * @example validateGa4Event({ name: '_bad' }, 0, Date.now())[0]?.validationCode // 'NAME_INVALID'
 */
export function validateGa4Event(event: unknown, index: number, nowMs: number): Ga4ValidationMessage[] {
  const path = `events[${index}]`
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return [ga4Message(path, `Event at index: [${index}] must be an object.`, 'VALUE_INVALID')]
  }
  const fields = event as Record<string, unknown>
  const messages: Ga4ValidationMessage[] = []
  if (typeof fields.name !== 'string' || fields.name === '') {
    messages.push(ga4Message(`${path}.name`, `Event at index: [${index}] has no name.`, 'VALUE_REQUIRED'))
  } else {
    const problem = checkGa4EventName(fields.name)
    if (problem !== null) {
      messages.push(
        ga4Message(`${path}.name`, `Event at index: [${index}] has invalid name [${fields.name}]: ${problem.replace('_', ' ')}.`, NAME_CODES[problem]),
      )
    }
  }
  messages.push(...validateParams(fields.params, `${path}.params`))
  if (fields.timestamp_micros !== undefined) {
    messages.push(...validateGa4TimestampMicros(fields.timestamp_micros, `${path}.timestamp_micros`, nowMs))
  }
  return messages
}
