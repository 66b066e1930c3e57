/**
 * Reads back an iCalendar text (RFC 5545) in tests, independently of the generator: unfolds
 * continuation lines, splits the VEVENTs and unescapes text values; DTSTART/DTEND in UTC
 * ("YYYYMMDDTHHMMSSZ") to epoch milliseconds.
 */
export function parseIcsEvents(text: string): Array<Record<string, string>> {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0];
      current[name] = line
        .slice(colon + 1)
        .replace(/\\n/gi, '\n')
        .replace(/\\([,;\\])/g, '$1');
    }
  }
  return events;
}

export function icsUtcMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC iCalendar date-time: ${value}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}
