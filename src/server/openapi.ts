/**
 * The OpenAPI 3.1 description of the JSON API, served at /openapi.json. A test checks that every
 * path listed here answers, so the document cannot drift from the routes.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': json(ref('Error'), 'Bad request'),
  '404': json(ref('Error'), 'Not found'),
  '429': json(ref('Error'), 'Too many requests'),
};
const q = (name: string, schema: unknown, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  schema,
  description,
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Meridian API',
    version: '0.1.0',
    description: 'The world’s news in English: countries, outlets, articles, stories and their takes.',
  },
  paths: {
    '/api/countries': {
      get: {
        summary: 'Every country with its outlet and article counts',
        responses: {
          '200': json({ type: 'object', properties: { countries: { type: 'array', items: ref('Country') } } }),
        },
      },
    },
    '/api/outlets': {
      get: {
        summary: 'Outlets, optionally of one country',
        parameters: [q('country', { type: 'string', pattern: '^[A-Za-z]{2}$' }, 'ISO 3166-1 alpha-2 code')],
        responses: {
          '200': json({ type: 'object', properties: { outlets: { type: 'array', items: ref('Outlet') } } }),
          ...errors,
        },
      },
    },
    '/api/articles': {
      get: {
        summary: 'Latest articles, newest first',
        parameters: [
          q('country', { type: 'string', pattern: '^[A-Za-z]{2}$' }, 'ISO 3166-1 alpha-2 code'),
          q('outlet', { type: 'string' }, 'Outlet id'),
          q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Page size'),
          q('before', { type: 'string' }, 'Cursor from the previous page’s `next`'),
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              articles: { type: 'array', items: ref('ArticleSummary') },
              next: { type: ['string', 'null'] },
            },
          }),
          ...errors,
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'One article: English and original text, block by block',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': json({ type: 'object', properties: { article: ref('Article') } }), ...errors },
      },
    },
    '/api/stories': {
      get: {
        summary: 'Stories (one event each, across countries), most recently active first',
        parameters: [
          q('country', { type: 'string', pattern: '^[A-Za-z]{2}$' }, 'Only stories with an article from this country'),
          q('from', { type: 'string', format: 'date' }, 'Active on or after this day'),
          q('to', { type: 'string', format: 'date' }, 'Begun on or before this day'),
          q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Page size'),
          q('before', { type: 'string' }, 'Cursor from the previous page’s `next`'),
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { stories: { type: 'array', items: ref('Story') }, next: { type: ['string', 'null'] } },
          }),
          ...errors,
        },
      },
    },
    '/api/stories/{id}': {
      get: {
        summary: 'One story: its articles by country, Alternative Takes, the current take with citations, framing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': json(ref('StoryDetail')), ...errors },
      },
    },
    '/api/search': {
      get: {
        summary: 'Full-text search over headlines and bodies, original and English',
        parameters: [
          q('q', { type: 'string', maxLength: 200 }, 'Words to find', true),
          q('country', { type: 'string' }, 'ISO 3166-1 alpha-2 code'),
          q('from', { type: 'string', format: 'date' }, 'Published on or after'),
          q('to', { type: 'string', format: 'date' }, 'Published on or before'),
          q('limit', { type: 'integer', minimum: 1, maximum: 100 }, 'Page size'),
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { total: { type: 'integer' }, articles: { type: 'array', items: ref('ArticleSummary') } },
          }),
          ...errors,
        },
      },
    },
    '/api/status': {
      get: {
        summary: 'The pipeline’s health per feed and outlet, jobs and translation usage',
        responses: { '200': json({ type: 'object' }) },
      },
    },
    '/healthz': { get: { summary: 'Liveness and database check', responses: { '200': json({ type: 'object' }) } } },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: { type: 'object', properties: { status: { type: 'integer' }, message: { type: 'string' } } },
        },
      },
      Country: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          name: { type: 'string' },
          region: { type: 'string' },
          lat: { type: 'number' },
          lon: { type: 'number' },
          outlets: { type: 'integer' },
          articles: { type: 'integer' },
          articlesLastDay: { type: 'integer' },
          foundNowhereElse: {
            type: 'integer',
            description: 'Stories of the last week only this country’s press covers',
          },
        },
      },
      Outlet: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          homepage: { type: 'string' },
          country: { type: 'string' },
          languages: { type: 'array', items: { type: 'string' } },
          feeds: { type: 'array', items: { type: 'string' } },
          logo: { type: 'string' },
          kind: { enum: ['public', 'private', 'state', 'agency'] },
        },
      },
      ArticleSummary: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          title: { type: 'string', description: 'English headline when translated' },
          originalTitle: { type: 'string' },
          language: { type: 'string' },
          translated: { type: 'boolean' },
          url: { type: 'string' },
          published: { type: ['string', 'null'] },
          country: { type: 'string' },
          outlet: { type: 'object' },
          image: { type: ['object', 'null'] },
        },
      },
      Story: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          title: { type: 'string', description: 'Headline of its most representative article' },
          firstSeen: { type: 'string' },
          lastSeen: { type: 'string' },
          countries: { type: 'array', items: { type: 'string' }, description: 'Most articles first' },
          outlets: { type: 'array', items: { type: 'string' } },
          languages: { type: 'array', items: { type: 'string' } },
          articleCount: { type: 'integer' },
        },
      },
      StoryDetail: {
        type: 'object',
        properties: {
          story: ref('Story'),
          countries: {
            type: 'array',
            items: {
              type: 'object',
              properties: { country: { type: 'string' }, articles: { type: 'array', items: ref('ArticleSummary') } },
            },
          },
          alternativeTakes: {
            type: 'array',
            description: 'One article per outlet: its headline and what it stresses that the others do not',
            items: {
              type: 'object',
              properties: {
                articleId: { type: 'integer' },
                outlet: { type: 'string' },
                country: { type: 'string' },
                title: { type: 'string' },
                language: { type: 'string' },
                differs: { type: 'string' },
                stresses: { type: 'array', items: { type: 'string' } },
              },
            },
          },
          take: {
            type: ['object', 'null'],
            description: 'The World’s Current Take: sections titled by aspect, each sentence citing article ids',
            properties: {
              version: { type: 'integer' },
              createdAt: { type: 'string' },
              provider: { type: 'string' },
              model: { type: 'string' },
              note: { type: 'string' },
              countries: { type: 'array', items: { type: 'string' } },
              outletCount: { type: 'integer' },
              sections: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    heading: { type: 'string' },
                    sentences: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          text: { type: 'string' },
                          citations: { type: 'array', items: { type: 'integer' } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          framing: {
            type: 'array',
            description: 'Per country, the words and names its coverage uses markedly more than the rest',
            items: { type: 'object' },
          },
        },
      },
      Article: {
        allOf: [
          ref('ArticleSummary'),
          {
            type: 'object',
            properties: {
              blocks: {
                type: 'array',
                items: { type: 'object', properties: { kind: { type: 'string' }, text: { type: 'string' } } },
              },
              originalBlocks: { type: 'array', items: { type: 'object' } },
              translationStatus: { enum: ['translated', 'body-pending', 'pending', 'not-needed', 'off'] },
              storyId: { type: ['integer', 'null'] },
            },
          },
        ],
      },
    },
  },
};
