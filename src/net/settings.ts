import { declareSettings } from '../config/registry.ts';

/** Settings of the network layer: who we say we are, where we may connect, and how politely. */
export const netSettings = declareSettings([
  {
    name: 'MERIDIAN_CONTACT_URL',
    type: 'url',
    default: '',
    group: 'net',
    description:
      'URL (or mailto:) where site owners can reach this installation; added to the User-Agent "Meridian/<version> (+URL)".',
  },
  {
    name: 'MERIDIAN_ALLOW_PRIVATE_ADDRESSES',
    type: 'bool',
    default: false,
    group: 'net',
    description:
      'Allow fetching from loopback, private (10/8, 172.16/12, 192.168/16), CGNAT and IPv6 unique-local addresses. Link-local and cloud metadata addresses stay blocked.',
  },
  {
    name: 'MERIDIAN_ALLOWED_ADDRESSES',
    type: 'list',
    default: [],
    group: 'net',
    description:
      'Comma-separated IP addresses or CIDR ranges always allowed, even ones blocked otherwise (e.g. 169.254.10.0/24).',
  },
  {
    name: 'MERIDIAN_HOST_CONCURRENCY',
    type: 'int',
    default: 2,
    min: 1,
    max: 16,
    group: 'net',
    description: 'Most requests in flight to one host at a time.',
  },
  {
    name: 'MERIDIAN_HOST_DELAY_MS',
    type: 'int',
    default: 1000,
    min: 0,
    group: 'net',
    description: 'Least time between the starts of two requests to one host (robots.txt Crawl-delay can raise it).',
  },
  {
    name: 'MERIDIAN_CONNECT_TIMEOUT_MS',
    type: 'int',
    default: 5000,
    min: 1,
    group: 'net',
    description: 'Time allowed to open a connection (TCP and TLS).',
  },
  {
    name: 'MERIDIAN_FETCH_TIMEOUT_MS',
    type: 'int',
    default: 20000,
    min: 1,
    group: 'net',
    description: 'Time allowed for one request, from sending it to the last byte of the body (per redirect hop).',
  },
  {
    name: 'MERIDIAN_MAX_BODY_BYTES',
    type: 'int',
    default: 5 * 1024 * 1024,
    min: 1024,
    group: 'net',
    description: 'Largest response body accepted, counted after decompression.',
  },
  {
    name: 'MERIDIAN_MAX_REDIRECTS',
    type: 'int',
    default: 5,
    min: 0,
    max: 20,
    group: 'net',
    description: 'Most redirects followed for one fetch.',
  },
  {
    name: 'MERIDIAN_RESPECT_ROBOTS',
    type: 'bool',
    default: true,
    group: 'net',
    description:
      'Obey robots.txt (Disallow and Crawl-delay for the "Meridian" user agent) for feeds, pages and images.',
  },
] as const);
