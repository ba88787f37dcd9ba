import { declareSettings } from '../config/registry.ts';

export const serverSettings = declareSettings([
  {
    name: 'MERIDIAN_API_RATE',
    type: 'number',
    default: 20,
    min: 0.1,
    group: 'server',
    description: 'Requests per second one client may make to /api and /img (token bucket refill).',
  },
  {
    name: 'MERIDIAN_API_BURST',
    type: 'int',
    default: 60,
    min: 1,
    group: 'server',
    description: 'Requests one client may make at once before the rate limit applies.',
  },
  {
    name: 'MERIDIAN_PAGE_CACHE_MS',
    type: 'int',
    default: 5000,
    min: 0,
    max: 600_000,
    group: 'server',
    description: 'How long rendered pages and feeds are served from memory (0: render every request).',
  },
  {
    name: 'MERIDIAN_PAGE_CACHE_MB',
    type: 'int',
    default: 64,
    min: 1,
    max: 65_536,
    group: 'server',
    description:
      'Most memory each web process keeps for rendered pages and feeds (MERIDIAN_PAGE_CACHE_MS); the oldest go first.',
  },
  {
    name: 'MERIDIAN_STORY_CACHE_MB',
    type: 'int',
    default: 128,
    min: 1,
    max: 65_536,
    group: 'server',
    description:
      'Most memory each web process keeps for the rendered story part of article pages (Alternative Takes, the World’s Current Take), shared by every article of a story version.',
  },
  {
    name: 'MERIDIAN_WEB_PROCESSES',
    type: 'int',
    default: 1,
    min: 1,
    max: 64,
    group: 'server',
    description:
      'Processes serving pages on the shared port, apart from the pipeline (set it to the number of cores on a busy server).',
  },
  {
    name: 'MERIDIAN_SECRET',
    type: 'string',
    default: '',
    secret: true,
    group: 'server',
    description:
      'Key that signs image-proxy URLs. Default: a random key kept in the data folder (set it when several servers share one database).',
  },
] as const);
