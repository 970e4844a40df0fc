// A small, safe, non-validating XML reader for the XML messages Portcullis imports (IATA Cargo-XML):
// elements, attributes, text, CDATA, comments and processing instructions, the five predefined entities
// and character references. A DOCTYPE or any other declaration is refused outright, so nothing is ever
// expanded or fetched (no billion laughs, no external entities); malformed XML is refused with its line;
// depth, element count and the size of any one value are bounded. UTF-8 (with or without BOM), or
// ISO 8859-1 / windows-1252 when the XML declaration names it; any other encoding is refused.
import { readFileSync, statSync } from 'node:fs';
import { ImportRefused } from '../report.ts';

export type XmlNode = {
  /** The local name: `ram:CityName` is `CityName`. */
  name: string;
  prefix?: string;
  /** Attributes by their name as written (`unitCode`, `xmlns:ram`), values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The character data directly inside the element (CDATA included), decoded, not trimmed. */
  text: string;
  line: number;
};

export const XML_LIMITS = { depth: 64, elements: 1_000_000, valueChars: 1024 * 1024, fileBytes: 256 * 1024 * 1024 };

const UTF8 = new Set(['utf-8', 'utf8']);
/** Read as windows-1252, the superset browsers and senders mean by these names. */
const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const NAME_PART = '[A-Za-z_\\u00c0-\\uffff][\\w.\\-\\u00b7\\u00c0-\\uffff]*';
const NAME = new RegExp(`${NAME_PART}(?::${NAME_PART})?`, 'y');
const REFERENCE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z_][\w.-]*)?(;?)|\r\n?|[\n\t]/g;
const DECLARATION = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

function linesBefore(s: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

function malformed(line: number, message: string): never {
  throw new ImportRefused('XML_MALFORMED', `Line ${line}: ${message}`, line);
}

function tooLarge(line: number, message: string): never {
  throw new ImportRefused('XML_LIMIT_EXCEEDED', `Line ${line}: ${message}`, line);
}

const validChar = (cp: number) =>
  cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

export const qualifiedName = (node: XmlNode) => (node.prefix ? `${node.prefix}:${node.name}` : node.name);

/** The line of the first byte sequence that is not UTF-8 (multi-byte sequences never hold a line feed). */
function invalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let line = 1, start = 0; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/** The document's text, from its byte-order mark or XML declaration. */
export function decodeXml(bytes: Uint8Array): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new ImportRefused('XML_ENCODING_UNSUPPORTED', 'The file is UTF-16; Portcullis reads XML in UTF-8 or ISO 8859-1.', 1);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bytes.subarray(bom ? 3 : 0);
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  const declared = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1]?.toLowerCase();
  if (bom || declared === undefined || UTF8.has(declared)) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      const line = invalidUtf8Line(body);
      malformed(line, 'the file is not valid UTF-8 and declares no other encoding.');
    }
  }
  if (LATIN1.has(declared)) return new TextDecoder('windows-1252').decode(body);
  throw new ImportRefused(
    'XML_ENCODING_UNSUPPORTED',
    `The XML declares the encoding "${declared}"; Portcullis reads XML in UTF-8 or ISO 8859-1 (windows-1252).`,
    1,
  );
}

class Parser {
  private readonly s: string;
  private pos = 0;
  private scanned = 0;
  private lineNo = 1;
  private elements = 0;

  constructor(s: string) {
    this.s = s;
  }

  parse(): XmlNode {
    const bad = FORBIDDEN_CHAR.exec(this.s);
    if (bad) this.fail(bad.index, `the character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML.`);
    // Some senders put a line break before the declaration; it is read as if it opened the file.
    this.skipSpace();
    if (/^<\?xml[\s?]/.test(this.s.slice(this.pos, this.pos + 6))) this.pos = this.until('?>', 'the XML declaration is never closed.');
    this.misc();
    if (this.pos >= this.s.length) this.fail(this.pos, 'the file has no root element.');
    if (this.s[this.pos] !== '<') this.fail(this.pos, 'there is text before the root element.');
    const root = this.tree();
    this.misc();
    if (this.pos < this.s.length) this.fail(this.pos, `there is content after the end of the root element <${qualifiedName(root)}>.`);
    return root;
  }

  /** The line of a position; asked in increasing order while reading, so counted once. */
  private line(at: number): number {
    for (; this.scanned < at; this.scanned++) {
      const c = this.s.charCodeAt(this.scanned);
      if (c === 10 || (c === 13 && this.s.charCodeAt(this.scanned + 1) !== 10)) this.lineNo++;
    }
    return this.lineNo;
  }

  private fail(at: number, message: string): never {
    malformed(linesBefore(this.s, at), message);
  }

  /** The position just past the next `end`; refuses when there is none. */
  private until(end: string, message: string): number {
    const i = this.s.indexOf(end, this.pos);
    if (i < 0) this.fail(this.pos, message);
    return i + end.length;
  }

  private skipSpace(): boolean {
    const start = this.pos;
    for (let c = this.s.charCodeAt(this.pos); c === 32 || c === 9 || c === 10 || c === 13; c = this.s.charCodeAt(++this.pos));
    return this.pos > start;
  }

  private name(what: string): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail(this.pos, `expected ${what}.`);
    this.pos += m[0].length;
    return m[0];
  }

  /** Comments, processing instructions and white space around the root element. */
  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('<!--', this.pos)) this.pos = this.until('-->', 'a comment is never closed.');
      else if (this.s.startsWith('<?', this.pos)) this.instruction();
      else if (this.s.startsWith('<!', this.pos)) this.declaration();
      else return;
    }
  }

  private instruction(): void {
    const at = this.pos;
    this.pos += 2;
    if (/^xml$/i.test(this.name('a processing instruction target'))) this.fail(at, 'an XML declaration may only open the file.');
    this.pos = this.until('?>', 'a processing instruction is never closed.');
  }

  private declaration(): never {
    const line = linesBefore(this.s, this.pos);
    if (DECLARATION.test(this.s.slice(this.pos, this.pos + 12))) {
      throw new ImportRefused(
        'XML_DOCTYPE_REFUSED',
        `Line ${line}: the file holds a document type or entity declaration; Portcullis refuses these, as they can expand without bound or read other files.`,
        line,
      );
    }
    malformed(line, 'an unknown "<!" markup.');
  }

  /** The root element and everything in it, read without recursion. */
  private tree(): XmlNode {
    const root = this.startTag();
    if (root.empty) return root.node;
    const stack = [root.node];
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const lt = this.s.indexOf('<', this.pos);
      if (lt < 0) malformed(top.line, `<${qualifiedName(top)}> is never closed: the file ends inside it.`);
      this.addText(top, this.s.slice(this.pos, lt), this.pos);
      this.pos = lt;
      if (this.s.startsWith('</', lt)) this.endTag(stack.pop()!);
      else if (this.s.startsWith('<!--', lt)) this.pos = this.until('-->', 'a comment is never closed.');
      else if (this.s.startsWith('<![CDATA[', lt)) {
        this.pos = this.until(']]>', 'a CDATA section is never closed.');
        this.addText(top, this.s.slice(lt + 9, this.pos - 3).replace(/\r\n?/g, '\n'), lt, true);
      } else if (this.s.startsWith('<!', lt)) this.declaration();
      else if (this.s.startsWith('<?', lt)) this.instruction();
      else {
        if (stack.length >= XML_LIMITS.depth) tooLarge(this.line(lt), `elements are nested deeper than ${XML_LIMITS.depth} levels.`);
        const { node, empty } = this.startTag();
        top.children.push(node);
        if (!empty) stack.push(node);
      }
    }
    return root.node;
  }

  private startTag(): { node: XmlNode; empty: boolean } {
    const line = this.line(this.pos);
    if (++this.elements > XML_LIMITS.elements) tooLarge(line, `the file has more than ${XML_LIMITS.elements.toLocaleString('en')} elements.`);
    this.pos++;
    const qname = this.name('an element name');
    const colon = qname.indexOf(':');
    const node: XmlNode = { name: qname.slice(colon + 1), attrs: {}, children: [], text: '', line };
    if (colon > 0) node.prefix = qname.slice(0, colon);
    for (;;) {
      const spaced = this.skipSpace();
      if (this.s.startsWith('>', this.pos)) {
        this.pos++;
        return { node, empty: false };
      }
      if (this.s.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { node, empty: true };
      }
      if (this.pos >= this.s.length) malformed(line, `the file ends inside the tag <${qname}>.`);
      if (!spaced) this.fail(this.pos, `the tag <${qname}> is malformed.`);
      this.attribute(node, qname);
    }
  }

  private attribute(node: XmlNode, tag: string): void {
    const name = this.name(`an attribute name in <${tag}>`);
    this.skipSpace();
    if (this.s[this.pos] !== '=') this.fail(this.pos, `the attribute ${name} of <${tag}> has no value.`);
    this.pos++;
    this.skipSpace();
    const quote = this.s[this.pos];
    if (quote !== '"' && quote !== "'") this.fail(this.pos, `the value of ${name} in <${tag}> is not quoted.`);
    const start = this.pos + 1;
    const end = this.s.indexOf(quote, start);
    if (end < 0) this.fail(this.pos, `the value of ${name} in <${tag}> is never closed.`);
    if (end - start > XML_LIMITS.valueChars) tooLarge(this.line(start), `the value of ${name} in <${tag}> is longer than ${XML_LIMITS.valueChars} characters.`);
    const raw = this.s.slice(start, end);
    const lt = raw.indexOf('<');
    if (lt >= 0) this.fail(start + lt, `the value of ${name} in <${tag}> holds a "<".`);
    if (Object.hasOwn(node.attrs, name)) this.fail(start, `the attribute ${name} appears twice in <${tag}>.`);
    // Defined, not assigned, so that an attribute named __proto__ is an attribute like any other.
    Object.defineProperty(node.attrs, name, { value: this.decode(raw, start, true), enumerable: true, writable: true, configurable: true });
    this.pos = end + 1;
  }

  private endTag(open: XmlNode): void {
    const at = this.pos;
    this.pos += 2;
    const name = this.name('an element name after "</"');
    this.skipSpace();
    if (this.s[this.pos] !== '>') this.fail(this.pos, `the closing tag </${name}> is malformed.`);
    this.pos++;
    if (name !== qualifiedName(open)) this.fail(at, `</${name}> does not close <${qualifiedName(open)}>, opened on line ${open.line}.`);
  }

  private addText(node: XmlNode, raw: string, at: number, cdata = false): void {
    if (raw === '') return;
    if (node.text.length + raw.length > XML_LIMITS.valueChars) {
      tooLarge(this.line(at), `the text of <${qualifiedName(node)}> is longer than ${XML_LIMITS.valueChars} characters.`);
    }
    node.text += cdata ? raw : this.decode(raw, at, false);
  }

  /** Entity and character references resolved, line ends normalised (in attributes, white space too). */
  private decode(raw: string, at: number, attribute: boolean): string {
    if (!(attribute ? /[&\r\n\t]/ : /[&\r]/).test(raw)) return raw;
    return raw.replace(REFERENCE, (m: string, ref: string | undefined, semicolon: string, offset: number) => {
      if (m[0] !== '&') return attribute ? ' ' : m === '\t' || m === '\n' ? m : '\n';
      if (!ref || !semicolon) this.fail(at + offset, 'a "&" that begins no entity or character reference (write &amp;).');
      if (ref[0] !== '#') {
        const value = ENTITIES[ref];
        if (value === undefined) this.fail(at + offset, `the entity &${ref}; is not defined (Portcullis reads no DTD).`);
        return value;
      }
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (!validChar(cp)) this.fail(at + offset, `the character reference &${ref}; is not an XML character.`);
      return String.fromCodePoint(cp);
    });
  }
}

/** The root element of a document given as text or as bytes (decoded as `decodeXml` does). */
export function parseXml(input: string | Uint8Array): XmlNode {
  return new Parser(typeof input === 'string' ? input.replace(/^\ufeff/, '') : decodeXml(input)).parse();
}

export function readXmlFile(path: string): XmlNode {
  if (statSync(path).size > XML_LIMITS.fileBytes) {
    throw new ImportRefused(
      'XML_LIMIT_EXCEEDED',
      `The XML file is larger than ${XML_LIMITS.fileBytes / 1024 ** 2} MB, more than Portcullis reads as one document.`,
    );
  }
  return parseXml(readFileSync(path));
}

export function child(node: XmlNode | undefined, localName: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === localName);
}

export function children(node: XmlNode | undefined, localName: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === localName) : [];
}

/** The element at a path of local names (`A/B/C`, each the first of its name), if there is one. */
export function find(node: XmlNode | undefined, localPath: string): XmlNode | undefined {
  return localPath.split('/').reduce<XmlNode | undefined>((n, step) => child(n, step), node);
}

/** The trimmed text at a path of local names; '' when the element is absent. */
export function path(node: XmlNode | undefined, localPath: string): string {
  return find(node, localPath)?.text.trim() ?? '';
}
