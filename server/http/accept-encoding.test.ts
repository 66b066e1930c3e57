import { describe, expect, it } from 'vitest';
import { chooseEncoding } from './accept-encoding.ts';

describe('choosing the content coding of a cached body', () => {
  it('a browser that accepts Brotli gets Brotli, the smallest body', () => {
    expect(chooseEncoding('br, gzip, deflate')).toBe('br');
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('GZIP, BR')).toBe('br');
  });

  it('a client that accepts only gzip (or x-gzip) gets gzip', () => {
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('x-gzip')).toBe('gzip');
  });

  it('no header, an empty one, or only codings the server lacks give the plain body', () => {
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('')).toBe('identity');
    expect(chooseEncoding('deflate, zstd')).toBe('identity');
    expect(chooseEncoding('identity')).toBe('identity');
  });

  it('q-values rank the codings, and q=0 forbids one', () => {
    expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('br; q=0.0, gzip;q=0')).toBe('identity');
    expect(chooseEncoding('gzip;q=0.9, br;q=0.9')).toBe('br');
    expect(chooseEncoding('gzip;q=0.2, identity;q=0.5')).toBe('identity');
    expect(chooseEncoding('br;q=1.0, gzip;q=0.5')).toBe('br');
  });

  it('a malformed q-value makes that coding unacceptable rather than preferred', () => {
    expect(chooseEncoding('br;q=2, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=abc, gzip;q=0.1')).toBe('gzip');
  });

  it('"*" covers every coding not named, so "*;q=0" with identity named still allows the plain body', () => {
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('br;q=0, *')).toBe('gzip');
    expect(chooseEncoding('*;q=0, identity')).toBe('identity');
    expect(chooseEncoding('*;q=0, gzip;q=0.3')).toBe('gzip');
  });
});
