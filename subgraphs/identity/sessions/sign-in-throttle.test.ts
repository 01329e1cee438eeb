import { describe, expect, it } from 'vitest';
import { addressGroup } from './sign-in-throttle.js';

describe('addressGroup', () => {
  it('counts an IPv4 client by its address', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    const group = '2001:db8:0:1::/64';
    expect(addressGroup('2001:db8:0:1::7')).toBe(group);
    expect(addressGroup('2001:0DB8:0000:0001:ffff:1:2:3')).toBe(group);
    expect(addressGroup('2001:db8:0:1:0::9')).toBe(group);
    expect(addressGroup('2001:db8::1:0:0:9')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('2001:db8:0:1:0:0:1.2.3.4')).toBe(group);
    expect(addressGroup('2001:db8:0:2::7')).not.toBe(group);
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('counts requests without an address together', () => {
    expect(addressGroup(undefined)).toBe('unknown');
    expect(addressGroup(null)).toBe('unknown');
  });
});
