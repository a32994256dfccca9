/**
 * Pieces of user agents that no shopper's browser sends: crawlers, link previewers, headless and automated
 * browsers, uptime and health checkers, and HTTP libraries that name themselves. Matched case-insensitively
 * as substrings. `headless` (HeadlessChrome) is in the list on purpose: synthetic checkout monitors run it, and
 * their purchases are not conversions; a site whose own tests drive headless Chromium allows it
 * (`botFilter: { allow: ['HeadlessChrome'] }`), as the demo shop's end-to-end tests do.
 * Plain `bot` is not: phone makers such as Cubot put it in real browsers' user agents.
 */
export const DEFAULT_BOT_USER_AGENTS: readonly string[] = Object.freeze([
  // Crawlers and link previewers ("Googlebot/2.1", "bingbot/2.0", "AhrefsBot/7.0;", "GPTBot/1.0", "Baiduspider").
  'bot/',
  'bot;',
  'bot)',
  'bot-',
  'bot (',
  'spider',
  'crawler',
  'crawling',
  'slurp',
  'facebookexternalhit',
  'embedly',
  'bingpreview',
  'google web preview',
  // Headless and automated browsers, page auditors.
  'headless',
  'phantomjs',
  'puppeteer',
  'playwright',
  'selenium',
  'webdriver',
  'lighthouse',
  'pagespeed',
  'gtmetrix',
  // Uptime, synthetic and health checkers.
  'pingdom',
  'uptimerobot',
  'uptime-kuma',
  'statuscake',
  'site24x7',
  'newrelicpinger',
  'datadog',
  'checkly',
  'kube-probe',
  'elb-healthchecker',
  'googlehc',
  'health-check',
  'healthcheck',
  // HTTP libraries and command-line clients (a beacon from one of them is never a shopper).
  'curl/',
  'wget/',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'httpx',
  'go-http-client',
  'java/',
  'apache-httpclient',
  'libwww-perl',
  'scrapy',
  'axios/',
  'node-fetch',
  'postmanruntime',
])

/** The relay's user-agent filter: `block` matches bots; `allow` wins over it. */
export type BotFilter = { block: readonly string[]; allow: readonly string[] }

/**
 * Whether a beacon's user agent is a bot's. A beacon without a user agent counts as one: every browser sends it.
 * @example isBotUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1)', { block: DEFAULT_BOT_USER_AGENTS, allow: [] }) // true
 */
export function isBotUserAgent(userAgent: string | undefined, filter: BotFilter): boolean {
  if (userAgent === undefined || userAgent.trim() === '') return true
  const ua = userAgent.toLowerCase()
  const has = (pieces: readonly string[]) => pieces.some((piece) => ua.includes(piece.toLowerCase()))
  return has(filter.block) && !has(filter.allow)
}
