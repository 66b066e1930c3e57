/**
 * /api/docs: a plain HTML page listing every operation of the OpenAPI document — method, path,
 * roles, summary, parameters — with no script and nothing loaded from elsewhere.
 */
const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function docsPage(doc: Json): string {
  const rows: string[] = [];
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      const params = ((op.parameters ?? []) as Json[])
        .map((p) => `${esc(p.name)} <small>(${esc(p.in)})</small>`)
        .join(', ');
      const body = op.requestBody ? Object.keys(op.requestBody.content).map(esc).join(', ') : '';
      const statuses = Object.entries(op.responses as Json)
        .map(([s, r]) => `<abbr title="${esc((r as Json).description)}">${esc(s)}</abbr>`)
        .join(' ');
      const roles = (op['x-roles'] as string[]).length ? (op['x-roles'] as string[]).join(', ') : 'public';
      const html = `<tr><td class="m ${esc(method)}">${esc(method.toUpperCase())}</td><td><code>${esc(path)}</code></td>
<td>${esc(op.summary)}</td><td>${esc(roles)}</td><td>${params}</td><td>${body}</td><td>${statuses}</td></tr>`;
      const tag = (op.tags?.[0] as string) ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  for (const [tag, list] of [...byTag].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push(`<h2 id="${esc(tag)}">${esc(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What</th>
<th>Roles</th><th>Parameters</th><th>Body</th><th>Responses</th></tr></thead><tbody>${list.join('')}</tbody></table>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2rem;max-width:90rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}.m{font-weight:bold}
.get{color:#05603a}.post{color:#1d4ed8}.put{color:#92400e}.delete{color:#b91c1c}code{white-space:nowrap}</style></head>
<body><h1>${esc(doc.info.title)} ${esc(doc.info.version)}</h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
${rows.join('\n')}</body></html>`;
}
