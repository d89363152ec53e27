import type { Request, Response } from 'express';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../errors';
import { JsonBytes, jsonString, type JsonText } from '../values/json-text';

export type Format = 'json' | 'xml' | 'csv';

const TYPES: Readonly<Record<string, Format>> = {
  'application/json': 'json', 'application/xml': 'xml', 'text/xml': 'xml', 'text/csv': 'csv',
};
const CONTENT_TYPE: Readonly<Record<Format, string>> = {
  json: 'application/json; charset=utf-8', xml: 'application/xml; charset=utf-8', csv: 'text/csv; charset=utf-8',
};
const FILE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The response format (API.md 2.9): `file=name.ext` picks by extension; else the `accept`
 * parameter, else the Accept header (first supported type wins; empty, `*\/*`, `application/*` → JSON).
 * Undefined when nothing acceptable was asked for.
 */
export function negotiate(req: Request): Format | undefined {
  const file = typeof req.query.file === 'string' ? req.query.file : undefined;
  if (file && !/^(true|1|yes|on)$/i.test(file)) {
    const ext = /\.(json|xml|csv)$/i.exec(file)?.[1]?.toLowerCase();
    if (ext) return ext as Format;
  }
  const accept = typeof req.query.accept === 'string' ? req.query.accept : req.headers.accept;
  if (!accept || accept.trim() === '') return 'json';
  for (const item of accept.split(',')) {
    const type = item.split(';')[0]!.trim().toLowerCase();
    if (type === '*/*' || type === 'application/*' || type === '') return 'json';
    const format = TYPES[type] ?? (type.endsWith('+json') ? 'json' : undefined);
    if (format) return format;
  }
  return undefined;
}

/** `Content-Disposition` for `file=` (API.md 2.9); the resource path names the default file. */
export function attachmentName(req: Request, format: Format): string | undefined {
  const file = typeof req.query.file === 'string' ? req.query.file : undefined;
  if (!file || /^(false|0|no|off|)$/i.test(file)) return undefined;
  if (/^(true|1|yes|on)$/i.test(file)) {
    const segments = req.path.split('/').filter(Boolean);
    const resource = segments.slice(3).join('_') || 'resource';
    return `${resource.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
  }
  if (!FILE_NAME.test(file)) throw new AppError('REQUEST_INVALID', "Invalid value for 'file': expected a file name of letters, digits, '.', '_' or '-'.");
  return file;
}

/**
 * Sends a success body in the negotiated format. JSON text (as the database printed it) passes
 * through untouched; XML and CSV are rendered from the parsed value.
 */
export function sendFormatted(req: Request, res: Response, body: JsonText | number | object, status = 200): void {
  const format = negotiate(req);
  if (!format) throw new AppError('REQUEST_NOT_ACCEPTABLE', 'Content in response can not be resolved to acceptable content type.');
  const file = attachmentName(req, format);
  if (file) res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
  res.status(status).setHeader('Content-Type', CONTENT_TYPE[format]);
  if (format === 'json') {
    res.send(typeof body === 'string' ? body : body instanceof JsonBytes ? body.toBuffer() : JSON.stringify(body));
    return;
  }
  const value: unknown = typeof body === 'string' || body instanceof JsonBytes ? JSON.parse(jsonString(body)) : body;
  res.send(format === 'xml' ? toXml(value) : toCsv(value));
}

/** A success value as XML or CSV text with its content type; undefined for JSON (API.md 2.9). */
export function renderValue(format: Format, value: unknown): { type: string; text: string } | undefined {
  if (format === 'xml') return { type: CONTENT_TYPE.xml, text: toXml(value) };
  if (format === 'csv') return { type: CONTENT_TYPE.csv, text: toCsv(value) };
  return undefined;
}

/** The error body in the format the client asked for (JSON when none fits). */
export function renderError(req: Request | undefined, body: object): { type: string; text: string } {
  const format = req ? negotiate(req) ?? 'json' : 'json';
  if (format === 'xml') return { type: CONTENT_TYPE.xml, text: toXml(body) };
  if (format === 'csv') return { type: CONTENT_TYPE.csv, text: toCsv((body as { error?: unknown }).error ?? body) };
  return { type: CONTENT_TYPE.json, text: JSON.stringify(body) };
}

/**
 * DreamFactory's XML: `<dfapi>` root, array items repeat their parent key, text escaped.
 * @example toXml({ resource: [{ id: 1 }, { id: 2 }] })
 *   // '<?xml version="1.0" ?><dfapi><resource><id>1</id></resource><resource><id>2</id></resource></dfapi>'
 */
export function toXml(value: unknown): string {
  return `<?xml version="1.0" ?><dfapi>${xmlContent(value)}</dfapi>`;
}

function xmlContent(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => `<item>${xmlContent(item)}</item>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([key, item]) => {
      const name = xmlName(key);
      if (Array.isArray(item)) return item.map((element) => `<${name}>${xmlContent(element)}</${name}>`).join('');
      return `<${name}>${xmlContent(item)}</${name}>`;
    }).join('');
  }
  return escapeXml(String(value));
}

function xmlName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/**
 * CSV (RFC 4180) of the `resource` list, a bare array or one object; header = keys of the first
 * item; nested values JSON-encoded in their cell.
 */
export function toCsv(value: unknown): string {
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { resource?: unknown }).resource) ? (value as { resource: unknown[] }).resource : [value];
  const rows: Record<string, unknown>[] = list.map((item: unknown) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : { value: item }));
  if (rows.length === 0) return '';
  const header = Object.keys(rows[0]!);
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => header.map((key) => csvCell(row[key])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV request body (first row = header) as `{"resource":[…]}` of strings (API.md 2.5).
 * @example parseCsv('a,b\r\n1,"x,y"') // { resource: [{ a: '1', b: 'x,y' }] }
 */
export function parseCsv(text: string): { resource: Record<string, string>[] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (quoted) throw new AppError('REQUEST_BODY_UNPARSABLE', 'Request body is not valid CSV.');
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  const [header, ...data] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return { resource: [] };
  return { resource: data.map((r) => Object.fromEntries(header.map((key, i) => [key, r[i] ?? '']))) };
}

const XML_DECLARATIONS = /<!(?:DOCTYPE|ENTITY)/i;
const XML_FORBIDDEN_TAG = /<\s*\/?\s*(__proto__|constructor|prototype)(?=[\s/>])/;
// Attributes ignored, values kept as text (typed by column later, as CSV's are), only XML's own five entities.
const xmlParser = new XMLParser({
  ignoreAttributes: true, parseTagValue: false, processEntities: true, htmlEntities: false,
  ignoreDeclaration: true, ignorePiTags: true, trimValues: true,
});

/**
 * An XML request body as DreamFactory reads it (API.md 2.5): elements become keys, repeated
 * elements become arrays, a single root other than `resource` is unwrapped, and `resource` is
 * always a list. Documents with a DOCTYPE or entity declaration are refused before parsing, so no
 * entity is ever expanded or fetched (8.1 #8).
 * @example parseXml('<dfapi><resource><a>1</a></resource></dfapi>') // { resource: [{ a: '1' }] }
 */
export function parseXml(text: string): unknown {
  if (XML_DECLARATIONS.test(text)) throw new AppError('REQUEST_BODY_UNPARSABLE', 'XML documents with a DOCTYPE or entity declaration are not accepted.');
  const forbidden = XML_FORBIDDEN_TAG.exec(text);
  if (forbidden) throw new AppError('REQUEST_FORBIDDEN_KEY', `Forbidden key '${forbidden[1]}' in request body.`);
  if (XMLValidator.validate(text) !== true) throw new AppError('REQUEST_BODY_UNPARSABLE', 'Request body is not valid XML.');
  const document = xmlParser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(document);
  const body = roots.length === 1 && roots[0] !== 'resource' ? document[roots[0]!] : document;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body === '' ? {} : body;
  const resource = (body as Record<string, unknown>).resource;
  if (resource !== undefined && !Array.isArray(resource)) (body as Record<string, unknown>).resource = resource === '' ? [] : [resource];
  return body;
}
