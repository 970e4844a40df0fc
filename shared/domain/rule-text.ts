// The text form of a rule's condition, for power users; the visual builder edits the same tree. `print`
// gives the canonical text, `parse` reads it back (parse(print(c)) equals c once nested groups of the same
// kind are flattened), and `checkCondition` finds fields, indicators and lists a rule may not use.
//
//   consignee.ageDays <= 30 and (indicator risk_hub or placeLoading in ["ECGYE", "COCTG"])
//   not goods contains "banana" and grossWeightKg between 1000 .. 5000
//   watchlist "Sanctioned companies" matches consignee.name
//   arrivalDate within 2026-01-01 .. * ; originCountry in list "High-risk origins" ; vessel.imo is missing
import { FIELDS, INDICATORS, type Condition, type TargetEntity } from './targeting.ts';

export class RuleSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'RuleSyntaxError';
    this.offset = offset;
  }
}

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string; value: string | number; at: number };

const PUNCT = ['<=', '>=', '..', '=', '<', '>', '(', ')', '[', ']', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new RuleSyntaxError('A quoted text is not closed.', at);
        const c = src[i]!;
        if (c === '\\' && i + 1 < src.length) {
          s += src[i + 1]!;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          s += c;
          i++;
        }
      }
      out.push({ kind: 'string', text: src.slice(at, i), value: s, at });
      continue;
    }
    // A date (2026-01-31) or a number; a date is a word-like value.
    const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.exec(src.slice(i));
    if (date) {
      out.push({ kind: 'string', text: date[0], value: date[0], at });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?(?!\.\d)/.exec(src.slice(i));
    if (num && (ch !== '-' || out.length === 0 || out.at(-1)!.kind === 'punct' || out.at(-1)!.kind === 'word')) {
      out.push({ kind: 'number', text: num[0], value: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (p) {
      out.push({ kind: 'punct', text: p, value: p, at });
      i += p.length;
      continue;
    }
    const word = /^[A-Za-z_*][\w.*]*/.exec(src.slice(i));
    if (word) {
      out.push({ kind: 'word', text: word[0], value: word[0], at });
      i += word[0].length;
      continue;
    }
    throw new RuleSyntaxError(`Unexpected character "${ch}".`, at);
  }
  return out;
}

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'list',
  'contains',
  'matches',
  'between',
  'within',
  'is',
  'missing',
  'indicator',
  'watchlist',
  'true',
  'false',
]);

/** Reads a condition from its text form. */
export function parseCondition(src: string): Condition {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const end = () => (tokens.length ? tokens.at(-1)!.at + tokens.at(-1)!.text.length : 0);
  const fail = (msg: string): never => {
    throw new RuleSyntaxError(msg, peek()?.at ?? end());
  };
  const isWord = (w: string) => peek()?.kind === 'word' && String(peek()!.value).toLowerCase() === w;
  const isPunct = (p: string) => peek()?.kind === 'punct' && peek()!.value === p;
  const expectWord = (w: string) => (isWord(w) ? pos++ : fail(`Expected "${w}".`));
  const expectPunct = (p: string) => (isPunct(p) ? pos++ : fail(`Expected "${p}".`));
  const string = (what: string): string => {
    const t = peek();
    if (t?.kind !== 'string') return fail(`Expected ${what} in double quotes.`);
    pos++;
    return String(t.value);
  };
  const field = (): string => {
    const t = peek();
    if (t?.kind !== 'word' || KEYWORDS.has(String(t.value).toLowerCase())) return fail('Expected a field name.');
    pos++;
    return String(t.value);
  };
  const value = (): string | number | boolean => {
    const t = peek();
    if (t?.kind === 'string' || t?.kind === 'number') {
      pos++;
      return t.value;
    }
    if (isWord('true') || isWord('false')) return String(tokens[pos++]!.value).toLowerCase() === 'true';
    return fail('Expected a value: "text", a number, true or false.');
  };
  const bound = (kind: 'number' | 'date'): number | string | null => {
    const t = peek();
    if (t?.kind === 'word' && t.value === '*') {
      pos++;
      return null;
    }
    if (kind === 'number' && t?.kind === 'number') return (pos++, t.value as number);
    if (kind === 'date' && t?.kind === 'string') return (pos++, String(t.value));
    return fail(kind === 'number' ? 'Expected a number or *.' : 'Expected a date (YYYY-MM-DD) or *.');
  };

  const atom = (): Condition => {
    if (isWord('indicator')) {
      pos++;
      const t = peek();
      if (t?.kind !== 'word') return fail('Expected the name of an indicator.');
      pos++;
      return { indicator: String(t.value) };
    }
    if (isWord('watchlist')) {
      pos++;
      const list = string('the watchlist’s name');
      expectWord('matches');
      return { watchlist: list, field: field() };
    }
    const f = field();
    if (isWord('is')) {
      pos++;
      expectWord('missing');
      return { field: f, op: 'missing' };
    }
    if (isPunct('=')) {
      pos++;
      return { field: f, op: 'equals', value: value() };
    }
    if (isPunct('>=') || isPunct('<=') || isPunct('>') || isPunct('<')) {
      const op = String(tokens[pos++]!.value);
      const t = peek();
      if (t?.kind !== 'number') return fail('Expected a number.');
      pos++;
      if (op === '>' || op === '<') throw new RuleSyntaxError('Use >= or <= (ranges include their ends).', t.at);
      return op === '>=' ? { field: f, op: 'range', min: t.value as number, max: null } : { field: f, op: 'range', min: null, max: t.value as number };
    }
    if (isWord('between')) {
      pos++;
      const min = bound('number') as number | null;
      expectPunct('..');
      const max = bound('number') as number | null;
      return { field: f, op: 'range', min, max };
    }
    if (isWord('within')) {
      pos++;
      const from = bound('date') as string | null;
      expectPunct('..');
      const to = bound('date') as string | null;
      return { field: f, op: 'within', from, to };
    }
    if (isWord('contains')) {
      pos++;
      return { field: f, op: 'contains', value: string('the text to look for') };
    }
    if (isWord('matches')) {
      pos++;
      const at = peek()?.at ?? end();
      const pattern = string('a pattern');
      try {
        new RegExp(pattern, 'i');
      } catch {
        throw new RuleSyntaxError('This pattern is not a valid regular expression.', at);
      }
      return { field: f, op: 'pattern', value: pattern };
    }
    if (isWord('in')) {
      pos++;
      if (isWord('list')) {
        pos++;
        return { field: f, op: 'in', list: string('the list’s name') };
      }
      expectPunct('[');
      const values: (string | number)[] = [];
      for (;;) {
        const v = value();
        if (typeof v === 'boolean') return fail('A list holds texts and numbers.');
        values.push(v);
        if (isPunct(',')) {
          pos++;
          continue;
        }
        expectPunct(']');
        break;
      }
      return { field: f, op: 'in', values };
    }
    return fail(`Expected a comparison after "${f}": =, in, contains, matches, between, within, >=, <=, is missing.`);
  };
  const unary = (): Condition => {
    if (isWord('not')) {
      pos++;
      return { not: unary() };
    }
    if (isPunct('(')) {
      pos++;
      const c = or();
      expectPunct(')');
      return c;
    }
    return atom();
  };
  const and = (): Condition => {
    const items = [unary()];
    while (isWord('and')) {
      pos++;
      items.push(unary());
    }
    return items.length === 1 ? items[0]! : { all: items.flatMap((c) => ('all' in c ? c.all : [c])) };
  };
  const or = (): Condition => {
    const items = [and()];
    while (isWord('or')) {
      pos++;
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { any: items.flatMap((c) => ('any' in c ? c.any : [c])) };
  };

  if (tokens.length === 0) throw new RuleSyntaxError('The condition is empty.', 0);
  const c = or();
  if (pos < tokens.length) fail('Unexpected text after the condition.');
  return c;
}

const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
const lit = (v: string | number | boolean) => (typeof v === 'string' ? quote(v) : String(v));

/** The canonical text of a condition. */
export function printCondition(c: Condition): string {
  if ('all' in c) return c.all.map((x) => ('any' in x ? `(${printCondition(x)})` : printCondition(x))).join(' and ');
  if ('any' in c) return c.any.map(printCondition).join(' or ');
  if ('not' in c) return `not ${'all' in c.not || 'any' in c.not ? `(${printCondition(c.not)})` : printCondition(c.not)}`;
  if ('indicator' in c) return `indicator ${c.indicator}`;
  if ('watchlist' in c) return `watchlist ${quote(c.watchlist)} matches ${c.field}`;
  switch (c.op) {
    case 'equals':
      return `${c.field} = ${lit(c.value)}`;
    case 'in':
      return 'list' in c ? `${c.field} in list ${quote(c.list)}` : `${c.field} in [${c.values.map(lit).join(', ')}]`;
    case 'contains':
      return `${c.field} contains ${quote(c.value)}`;
    case 'pattern':
      return `${c.field} matches ${quote(c.value)}`;
    case 'range':
      if (c.min !== null && c.max === null) return `${c.field} >= ${c.min}`;
      if (c.min === null && c.max !== null) return `${c.field} <= ${c.max}`;
      return `${c.field} between ${c.min ?? '*'} .. ${c.max ?? '*'}`;
    case 'within':
      return `${c.field} within ${c.from ?? '*'} .. ${c.to ?? '*'}`;
    case 'missing':
      return `${c.field} is missing`;
  }
}

/** What in a condition does not exist for this kind of record: unknown fields, indicators, lists or
 * watchlists (the names known are given), and comparisons that do not fit a field's type. */
export function checkCondition(c: Condition, entity: TargetEntity, known: { lists: readonly string[]; watchlists: readonly string[] }): string[] {
  const problems: string[] = [];
  const fields = new Map(FIELDS.filter((f) => f.entity === entity).map((f) => [f.id, f]));
  const walk = (x: Condition): void => {
    if ('all' in x) return x.all.forEach(walk);
    if ('any' in x) return x.any.forEach(walk);
    if ('not' in x) return walk(x.not);
    if ('indicator' in x) {
      const ind = INDICATORS.find((i) => i.id === x.indicator);
      if (!ind) problems.push(`There is no indicator "${x.indicator}".`);
      else if (ind.entity !== entity) problems.push(`The indicator "${x.indicator}" is about ${ind.entity}s.`);
      return;
    }
    const f = fields.get(x.field);
    if (!f) {
      problems.push(`There is no field "${x.field}" for ${entity}s.`);
      return;
    }
    if ('watchlist' in x) {
      if (!known.watchlists.includes(x.watchlist)) problems.push(`There is no watchlist "${x.watchlist}".`);
      if (f.type !== 'text' && f.type !== 'list') problems.push(`"${x.field}" holds no names to match.`);
      return;
    }
    if (x.op === 'in' && 'list' in x && !known.lists.includes(x.list)) problems.push(`There is no reference list "${x.list}".`);
    if (x.op === 'range' && f.type !== 'number' && f.type !== 'list') problems.push(`"${x.field}" is not a number.`);
    if (x.op === 'range' && x.min !== null && x.max !== null && x.min > x.max) problems.push(`The range of "${x.field}" is empty.`);
    if (x.op === 'within' && f.type !== 'date') problems.push(`"${x.field}" is not a date.`);
    if (x.op === 'pattern') {
      try {
        new RegExp(x.value, 'i');
      } catch {
        problems.push(`The pattern for "${x.field}" is not a valid regular expression.`);
      }
    }
  };
  walk(c);
  return problems;
}
