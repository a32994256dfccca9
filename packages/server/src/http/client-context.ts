import type { Request } from 'express'
import type { ClientContext } from '../pipeline/identify.js'

/**
 * The sender of a beacon: its IP as Express sees it (the host app's `trust proxy` setting decides whether
 * X-Forwarded-For counts) and its user agent.
 */
export function clientContextOf(req: Request): ClientContext {
  const ip = req.ip
  const userAgent = req.get('user-agent')
  return {
    ...(ip !== undefined && ip !== '' ? { ip: ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') } : {}),
    ...(userAgent !== undefined && userAgent !== '' ? { userAgent: userAgent.slice(0, 1024) } : {}),
  }
}
