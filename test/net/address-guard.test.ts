import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAddressPolicy, guardedLookup, judgeAddress } from '../../src/net/address-guard.ts';
import { BlockedAddressError } from '../../src/net/errors.ts';

const strict = createAddressPolicy({ allowPrivate: false });
const lenient = createAddressPolicy({ allowPrivate: true });

const PUBLIC = ['8.8.8.8', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'];
const PRIVATE = [
  '127.0.0.1',
  '127.9.9.9',
  '10.1.2.3',
  '172.16.0.1',
  '192.168.1.1',
  '100.64.0.1',
  '::1',
  'fc00::1',
  'fd12::3',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '2002:7f00:1::1',
];
const NEVER = [
  '169.254.169.254', // cloud metadata
  '169.254.1.1',
  'fe80::1',
  '0.0.0.0',
  '::',
  '224.0.0.1',
  'ff02::1',
  '255.255.255.255',
  '240.0.0.1',
  '::ffff:169.254.169.254',
  '64:ff9b::a9fe:a9fe', // NAT64 form of 169.254.169.254
  '100.100.100.200', // Alibaba metadata, inside CGNAT
  'fd00:ec2::254', // AWS IPv6 metadata, inside unique-local
  '168.63.129.16', // Azure wire server, a public address
];

test('public addresses are always allowed', () => {
  for (const a of PUBLIC) assert.deepEqual(judgeAddress(a, strict), { allowed: true }, a);
});

test('private and loopback addresses need allowPrivate', () => {
  for (const a of PRIVATE) {
    assert.equal(judgeAddress(a, strict).allowed, false, a);
    assert.equal(judgeAddress(a, lenient).allowed, true, a);
  }
});

test('link-local, metadata and special addresses are refused even with allowPrivate', () => {
  for (const a of NEVER) assert.equal(judgeAddress(a, lenient).allowed, false, a);
  const verdict = judgeAddress('169.254.169.254', lenient);
  assert.ok(!verdict.allowed && /metadata/.test(verdict.reason));
});

test('an explicit allow-list overrides every tier', () => {
  const policy = createAddressPolicy({ allowPrivate: false, allowedCidrs: ['169.254.169.254', '10.0.0.0/8'] });
  assert.equal(judgeAddress('169.254.169.254', policy).allowed, true);
  assert.equal(judgeAddress('10.20.30.40', policy).allowed, true);
  assert.equal(judgeAddress('192.168.0.1', policy).allowed, false);
  assert.throws(() => createAddressPolicy({ allowedCidrs: ['nonsense'] }), RangeError);
});

test('guardedLookup refuses a name if any of its addresses is blocked, and answers both shapes', async () => {
  const lookup = guardedLookup(strict, (hostname, _options, callback) => {
    if (hostname === 'mixed.test')
      callback(null, [
        { address: '8.8.8.8', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ]);
    else callback(null, [{ address: '8.8.4.4', family: 4 }]);
  });
  const call = (host: string, all: boolean) =>
    new Promise<unknown[]>((resolve) => {
      lookup(host, { all }, (...args: unknown[]) => resolve(args));
    });
  const [err] = await call('mixed.test', true);
  assert.ok(err instanceof BlockedAddressError);
  assert.equal(err.address, '10.0.0.1');
  assert.deepEqual(await call('ok.test', false), [null, '8.8.4.4', 4]);
  assert.deepEqual(await call('ok.test', true), [null, [{ address: '8.8.4.4', family: 4 }]]);
});
