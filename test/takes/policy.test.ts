import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shouldWriteNewVersion, tooSoonUntil } from '../../src/takes/policy.ts';

const settings = { minNewArticles: 5, minIntervalMinutes: 30 };
const now = new Date('2026-08-10T12:00:00Z');
const previous = { articleCount: 10, countries: ['DE', 'FR'], createdAt: '2026-08-10T11:00:00Z' };

test('the first take is always written', () => {
  assert.equal(shouldWriteNewVersion(undefined, { articleCount: 2, countries: ['DE'] }, now, settings), true);
});

test('a new version needs enough new articles or a new country', () => {
  assert.equal(shouldWriteNewVersion(previous, { articleCount: 12, countries: ['DE', 'FR'] }, now, settings), false);
  assert.equal(shouldWriteNewVersion(previous, { articleCount: 15, countries: ['DE', 'FR'] }, now, settings), true);
  assert.equal(
    shouldWriteNewVersion(previous, { articleCount: 11, countries: ['DE', 'FR', 'JP'] }, now, settings),
    true,
  );
});

test('never more often than the interval, however much the story grew', () => {
  const recent = { ...previous, createdAt: '2026-08-10T11:45:00Z' };
  assert.equal(
    shouldWriteNewVersion(recent, { articleCount: 50, countries: ['DE', 'FR', 'JP'] }, now, settings),
    false,
  );
});

test('bodies landing in English refresh a take of an unchanged story, once the interval allows', () => {
  const same = { articleCount: 10, countries: ['DE', 'FR'] };
  assert.equal(shouldWriteNewVersion(previous, same, now, settings), false);
  assert.equal(shouldWriteNewVersion(previous, same, now, settings, true), true);
  const recent = { ...previous, createdAt: '2026-08-10T11:45:00Z' };
  assert.equal(shouldWriteNewVersion(recent, same, now, settings, true), false);
  assert.deepEqual(tooSoonUntil(recent, now, settings), new Date('2026-08-10T12:15:00Z'));
  assert.equal(tooSoonUntil(previous, now, settings), undefined);
});
