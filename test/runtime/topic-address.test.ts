import { describe, expect, it } from 'vitest';

import {
  addressPattern,
  expandAddress,
  fillAddress,
  isLegalTopic,
} from '../../src/runtime/index.js';

describe('fillAddress', () => {
  it('fills every placeholder', () => {
    expect(fillAddress('tenants.{tenant}.{kind}', { tenant: 'acme', kind: 'orders' }))
      .toBe('tenants.acme.orders');
  });

  it('returns an address without placeholders unchanged', () => {
    expect(fillAddress('features', {})).toBe('features');
  });

  it('names the missing parameter', () => {
    expect(() => fillAddress('tenants.{tenant}', {})).toThrow(
      'channel "tenants.{tenant}" needs a value for parameter "tenant"',
    );
  });

  it('rejects a value that would make an illegal topic', () => {
    expect(() => fillAddress('tenants.{tenant}', { tenant: 'a b' })).toThrow(
      /parameter "tenant" is "a b", but a parameter value may only contain/,
    );
  });

  it('rejects a value with a dot, which would reach into other topics', () => {
    expect(() => fillAddress('tenants.{tenant}', { tenant: 'a.b' })).toThrow(/"a.b"/);
  });

  it('rejects an address that gives an illegal topic', () => {
    expect(() => fillAddress('bad topic', {})).toThrow(/"bad topic", which is not a legal Kafka/);
    expect(() => fillAddress(`${'x'.repeat(250)}`, {})).toThrow(/not a legal Kafka topic/);
  });
});

describe('isLegalTopic', () => {
  it('accepts what Kafka accepts', () => {
    expect(isLegalTopic('a.b_c-D9')).toBe(true);
    expect(isLegalTopic('.')).toBe(false);
    expect(isLegalTopic('')).toBe(false);
    expect(isLegalTopic('a/b')).toBe(false);
  });
});

describe('expandAddress', () => {
  it('gives every combination of enumerated values', () => {
    expect(expandAddress('t.{a}.{b}', { a: ['x', 'y'], b: ['1', '2'] })).toEqual([
      't.x.1', 't.x.2', 't.y.1', 't.y.2',
    ]);
  });

  it('gives undefined when a parameter has no values', () => {
    expect(expandAddress('t.{a}.{b}', { a: ['x'] })).toBeUndefined();
    expect(expandAddress('t.{a}', { a: [] })).toBeUndefined();
  });
});

describe('addressPattern', () => {
  it('matches the topics the address gives, and not their dead-letter topics', () => {
    const pattern = addressPattern('orders.{region}');
    expect(pattern.test('orders.eu')).toBe(true);
    expect(pattern.test('orders.eu-west_1')).toBe(true);
    expect(pattern.test('orders.eu.my-group.dlq')).toBe(false);
    expect(pattern.test('ordersXeu')).toBe(false);
  });
});
