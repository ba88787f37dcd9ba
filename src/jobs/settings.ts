import { declareSettings } from '../config/registry.ts';

export const pipelineSettings = declareSettings([
  {
    name: 'MERIDIAN_IMAGES',
    type: 'bool',
    default: true,
    group: 'pipeline',
    description:
      "Fetch each article's lead image and each outlet's logo once and keep small copies in the database; pages show only those (false: no images, and no request to image hosts).",
  },
  {
    name: 'MERIDIAN_WORKER_CONCURRENCY',
    type: 'int',
    default: 4,
    min: 1,
    max: 64,
    group: 'pipeline',
    description: 'Jobs one worker process runs at once (polls, page fetches, translations…).',
  },
  {
    name: 'MERIDIAN_POLL_MIN_INTERVAL_S',
    type: 'int',
    default: 300,
    min: 30,
    group: 'pipeline',
    description: 'Shortest interval between two polls of a busy feed.',
  },
  {
    name: 'MERIDIAN_POLL_MAX_INTERVAL_S',
    type: 'int',
    default: 21600,
    min: 60,
    group: 'pipeline',
    description: 'Longest interval between two polls of a quiet feed.',
  },
  {
    name: 'MERIDIAN_FEED_DISABLE_AFTER',
    type: 'int',
    default: 10,
    min: 1,
    group: 'pipeline',
    description: 'Consecutive failures after which a feed is disabled until re-enabled.',
  },
  {
    name: 'MERIDIAN_JOB_ATTEMPTS',
    type: 'int',
    default: 5,
    min: 1,
    max: 50,
    group: 'pipeline',
    description: 'Attempts per job before it is parked with its error for the operator.',
  },
  {
    name: 'MERIDIAN_WORKER_STAGES',
    type: 'list',
    default: ['fetch', 'translate', 'stories'],
    group: 'pipeline',
    description:
      'Stages this process works on: fetch (feeds, pages, images and logos), translate (headlines and bodies), stories (clustering and takes, run by one process of the cluster at a time). `meridian worker --stages` overrides it.',
  },
  {
    name: 'MERIDIAN_JOB_STALE_S',
    type: 'int',
    default: 180,
    min: 2,
    max: 86400,
    group: 'pipeline',
    description:
      "Seconds without a heartbeat after which a running job's worker counts as dead and any living worker takes the job back (workers send heartbeats every third of it).",
  },
] as const);
