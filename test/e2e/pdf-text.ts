// Reads the text of a PDF that Chromium printed (Skia): fonts are embedded subsets with Identity-H codes,
// so text is read through each font's ToUnicode map. Enough to check what a report says, page by page.
import { inflateSync } from 'node:zlib';

type Obj = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, Obj> {
  const src = pdf.toString('latin1');
  const out = new Map<number, Obj>();
  const head = /(\d+) 0 obj\b/g;
  for (let m = head.exec(src); m; m = head.exec(src)) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    if (end < 0) break;
    const body = src.slice(start, end);
    const s = body.search(/stream\r?\n/);
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      const from = start + s + (body.slice(s).startsWith('stream\r\n') ? 8 : 7);
      const to = src.lastIndexOf('endstream', end);
      const raw = pdf.subarray(from, to);
      try {
        stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      } catch {
        stream = raw;
      }
    }
    out.set(Number(m[1]), { dict, stream });
    head.lastIndex = end;
  }
  return out;
}

/** A ToUnicode CMap: code (hex, as written) → text. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toLowerCase(), utf16(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const width = m[1]!.length;
      const list = m[5] ? [...m[5].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]!) : null;
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).padStart(width, '0');
        if (list) map.set(key, utf16(list[c - lo] ?? ''));
        else {
          const base = m[4]!;
          const last = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(key, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

function decodeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e] ?? e),
  );
}

export type PdfText = { pages: string[]; fonts: string[] };

export function pdfText(pdf: Buffer): PdfText {
  const objs = objects(pdf);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  // Fonts by resource name (Skia names them once per document), with their ToUnicode maps.
  const maps = new Map<string, Map<string, string>>();
  const fonts: string[] = [];
  for (const o of objs.values()) {
    const base = /\/BaseFont\s*\/([^\s/<>[\]]+)/.exec(o.dict);
    if (base && /\/FontDescriptor/.test(o.dict)) fonts.push(base[1]!);
    const block = /\/Font\s*<<([\s\S]*?)>>/.exec(o.dict);
    if (!block) continue;
    for (const m of block[1]!.matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g)) {
      const font = objs.get(Number(m[2]));
      const tu = font && ref(font.dict, 'ToUnicode');
      const stream = tu ? objs.get(tu)?.stream : null;
      if (stream) maps.set(m[1]!, cmap(stream.toString('latin1')));
    }
  }
  // Pages in order, through the page tree.
  const root = [...objs.entries()].find(([, o]) => /\/Type\s*\/Catalog/.test(o.dict));
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const o = objs.get(id);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]));
    } else pageIds.push(id);
  };
  const pagesRoot = root ? ref(root[1].dict, 'Pages') : null;
  if (pagesRoot) walk(pagesRoot);

  const show = (content: string) => {
    let font: Map<string, string> | undefined;
    let out = '';
    const decodeHex = (hex: string) => {
      const width = font && font.size ? [...font.keys()][0]!.length : 2;
      let s = '';
      for (let i = 0; i + width <= hex.length; i += width) s += font?.get(hex.slice(i, i + width).toLowerCase()) ?? '';
      return s;
    };
    const tokens = /\/([^\s/[\]()<>]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>\s*Tj|\((?:[^()\\]|\\.)*\)\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\bT\*|\bTd\b|\bTD\b|\bET\b/g;
    for (const m of content.matchAll(tokens)) {
      if (m[1]) font = maps.get(m[1]);
      else if (m[2] !== undefined) out += decodeHex(m[2].replace(/\s/g, ''));
      else if (m[3] !== undefined) {
        for (const part of m[3].matchAll(/<([0-9a-fA-F\s]*)>|\(((?:[^()\\]|\\.)*)\)|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) out += decodeHex(part[1].replace(/\s/g, ''));
          else if (part[2] !== undefined) out += decodeLiteral(part[2]);
          else if (Number(part[3]) < -250) out += ' ';
        }
      } else if (m[0].endsWith('Tj')) out += decodeLiteral(m[0].slice(1, m[0].lastIndexOf(')')));
      else out += '\n';
    }
    return out;
  };
  const pages = pageIds.map((id) => {
    const dict = objs.get(id)!.dict;
    const list = /\/Contents\s*\[([^\]]*)\]/.exec(dict)?.[1];
    const ids = list ? [...list.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1])) : [ref(dict, 'Contents')].filter((x): x is number => x !== null);
    return ids.map((c) => show(objs.get(c)?.stream?.toString('latin1') ?? '')).join('\n');
  });
  return { pages, fonts };
}
