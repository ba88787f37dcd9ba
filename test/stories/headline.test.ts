import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headlineOf, MAX_HEADLINE_CHARS } from '../../src/stories/headline.ts';

test('a title that runs on into the body ends where the body starts', () => {
  // Page titles seen on imported pages: each ran on into a dateline or the lead.
  const cases: Array<[string, string, string]> = [
    [
      'Trump would beat every Democrat but Biden in Florida and Virginia, polls say WASHINGTON – President Donald Trump would beat every Democratic',
      'en',
      'Trump would beat every Democrat but Biden in Florida and Virginia, polls say',
    ],
    [
      'Coronavirus spreads to new part of Japan as IOC confirms commitment to Tokyo TOKYO (REUTERS)',
      'en',
      'Coronavirus spreads to new part of Japan as IOC confirms commitment to Tokyo',
    ],
    [
      "With coronavirus closing schools, here's how you can help food insecure children (CNN) On Friday",
      'en',
      "With coronavirus closing schools, here's how you can help food insecure children",
    ],
    [
      'Far-right backing for regional politician shocks Germany BERLIN: The small state of Thuringia broke',
      'en',
      'Far-right backing for regional politician shocks Germany',
    ],
    [
      "Israel's Netanyahu to ask parliament for immunity Israeli Prime Minister Benjamin Netanyahu said Wednesday",
      'en',
      "Israel's Netanyahu to ask parliament for immunity",
    ],
    [
      'Scandella traded to Blues by Canadiens for two draft picks Marco Scandella was traded to the St.',
      'en',
      'Scandella traded to Blues by Canadiens for two draft picks',
    ],
    [
      'Bambini di Capodanno KZN: 48 ragazze, 47 ragazzi Bambini di Capodanno KZN: 48 ragazze',
      'it',
      'Bambini di Capodanno KZN: 48 ragazze, 47 ragazzi',
    ],
  ];
  for (const [raw, language, expected] of cases) assert.equal(headlineOf(raw, language), expected);
});

test('names after a function word, and German nouns, are not taken for the start of a lead', () => {
  assert.equal(
    headlineOf('Netflix agrega tres películas de la saga de Harry Potter', 'es'),
    'Netflix agrega tres películas de la saga de Harry Potter',
  );
  assert.equal(
    headlineOf('Mindestens 16 Tote bei Kämpfen in mexikanischem Gefängnis', 'de'),
    'Mindestens 16 Tote bei Kämpfen in mexikanischem Gefängnis',
  );
});

test('a long headline is cut at a word boundary, with an ellipsis', () => {
  const long =
    'Negotiators from both sides agreed on a ceasefire after talks that lasted through the night in the capital, with monitors to be deployed along the border within a week';
  const cut = headlineOf(long);
  assert.ok(cut.length <= MAX_HEADLINE_CHARS, cut);
  assert.ok(cut.endsWith('…'));
  assert.ok(long.startsWith(cut.slice(0, -1)), 'the kept part is the start of the headline');
  const kept = cut.slice(0, -1);
  assert.doesNotMatch(long.charAt(kept.length), /[\p{L}\p{N}]/u, 'ends at a whole word');
  assert.equal(headlineOf('Short headline'), 'Short headline');
});
