/**
 * Makes stored XSS in the web client a class of bug that cannot come back: no file under web/
 * parses strings as HTML (innerHTML, insertAdjacentHTML, outerHTML, document.write), and Leaflet
 * tooltips, popups and div icons are made only in web/map/safe-content.ts, which builds DOM nodes
 * from text. The browser test (test/e2e/xss.e2e.test.ts) shows it on every page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '../../web');
const SAFE = 'map/safe-content.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.(ts|html)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const HTML_SINKS =
  /\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/;
const LEAFLET_SINKS =
  /\.bindTooltip\(|\.bindPopup\(|\.setContent\(|\.setTooltipContent\(|\.setPopupContent\(|divIcon\(/;

describe('no HTML sinks in the web client', () => {
  const files = sources(WEB).map((p) => ({ name: relative(WEB, p), text: readFileSync(p, 'utf8') }));

  it('finds the sources (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.name === SAFE)).toBe(true);
  });

  it('no file parses a string as HTML', () => {
    expect(files.filter((f) => HTML_SINKS.test(f.text)).map((f) => f.name)).toEqual([]);
  });

  it('only safe-content.ts makes Leaflet tooltips, popups and div icons', () => {
    expect(files.filter((f) => f.name !== SAFE && LEAFLET_SINKS.test(f.text)).map((f) => f.name)).toEqual([]);
  });
});
