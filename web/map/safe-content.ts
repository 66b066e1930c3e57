/**
 * The only way map code puts words on the map: Leaflet tooltips, popups and div icons get DOM
 * nodes built here (text through textContent, never parsed as HTML), so no name, label or note
 * typed by a user can become markup. test/web/map-no-html.test.ts fails when any other file
 * under web/ calls bindTooltip/bindPopup/setContent or gives a divIcon an `html` string.
 */
import L from 'leaflet';

/** A piece of popup content: plain text, bold text, or a line break. */
export type Part = string | { strong: string } | { br: true };

/** A <span> holding the parts as text nodes (strong → <strong>, br → <br>). */
export function textContent(parts: Part[] | string): HTMLElement {
  const root = document.createElement('span');
  for (const p of typeof parts === 'string' ? [parts] : parts) {
    if (typeof p === 'string') root.append(document.createTextNode(p));
    else if ('strong' in p) {
      const b = document.createElement('strong');
      b.textContent = p.strong;
      root.append(b);
    } else root.append(document.createElement('br'));
  }
  return root;
}

export function safeTooltip<T extends L.Layer>(layer: T, text: string, options?: L.TooltipOptions): T {
  return layer.bindTooltip(textContent(text), options);
}

export function safePopup<T extends L.Layer>(layer: T, parts: Part[]): T {
  return layer.bindPopup(textContent(parts));
}

/** A div icon whose content is an element (built with textContent and CSSOM styles, no markup). */
export function safeDivIcon(
  options: Omit<L.DivIconOptions, 'html'> & { content: (el: HTMLElement) => void; tag?: string },
): L.DivIcon {
  const { content, tag, ...rest } = options;
  const el = document.createElement(tag ?? 'span');
  content(el);
  return L.divIcon({ ...rest, html: el });
}
