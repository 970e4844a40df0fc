// A notebook entry shown (screen and report) from its tiptap JSON, as React elements: never as HTML, so
// nothing in a note can run or restyle the page. Mentions stay links to their records.
import { Fragment, type ReactNode } from 'react';
import { parseRef, type Ref } from './refs.ts';

type Mark = { type: string; attrs?: Record<string, unknown> };
type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string; marks?: Mark[] };

/** The images a note may carry: PNG or JPEG snapshots inside the note. */
export const SNAPSHOT_SRC = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;

const isNode = (v: unknown): v is PmNode => typeof v === 'object' && v !== null && typeof (v as PmNode).type === 'string';
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function marked(text: string, marks: Mark[] | undefined): ReactNode {
  let out: ReactNode = text;
  for (const m of marks ?? []) {
    if (m.type === 'bold') out = <strong>{out}</strong>;
    else if (m.type === 'italic') out = <em>{out}</em>;
    else if (m.type === 'strike') out = <s>{out}</s>;
    else if (m.type === 'underline') out = <u>{out}</u>;
    else if (m.type === 'code') out = <code>{out}</code>;
  }
  return out;
}

function render(node: PmNode, key: number, onOpenRef: ((ref: Ref) => void) | undefined): ReactNode {
  const kids = () => (node.content ?? []).filter(isNode).map((n, i) => render(n, i, onOpenRef));
  switch (node.type) {
    case 'doc':
      return <Fragment key={key}>{kids()}</Fragment>;
    case 'paragraph':
      return <p key={key}>{kids()}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(2, num(node.attrs?.['level'], 2)));
      const H = `h${level}` as 'h2';
      return <H key={key}>{kids()}</H>;
    }
    case 'bulletList':
      return <ul key={key}>{kids()}</ul>;
    case 'orderedList':
      return (
        <ol key={key} start={num(node.attrs?.['start'], 1)}>
          {kids()}
        </ol>
      );
    case 'listItem':
      return <li key={key}>{kids()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{kids()}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{kids()}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    case 'table':
      return (
        <table key={key} className="pc-note-table">
          <tbody>{kids()}</tbody>
        </table>
      );
    case 'tableRow':
      return <tr key={key}>{kids()}</tr>;
    case 'tableHeader':
    case 'tableCell': {
      const Cell = node.type === 'tableHeader' ? 'th' : 'td';
      return (
        <Cell key={key} colSpan={num(node.attrs?.['colspan'], 1)} rowSpan={num(node.attrs?.['rowspan'], 1)}>
          {kids()}
        </Cell>
      );
    }
    case 'mention': {
      const id = typeof node.attrs?.['id'] === 'string' ? node.attrs['id'] : '';
      const label = typeof node.attrs?.['label'] === 'string' ? node.attrs['label'] : id;
      const ref = parseRef(id);
      return ref && onOpenRef ? (
        <button key={key} type="button" className="pc-mention" data-type="mention" data-id={id} onClick={() => onOpenRef(ref)}>
          @{label}
        </button>
      ) : (
        <span key={key} className="pc-mention" data-type="mention" data-id={id}>
          @{label}
        </span>
      );
    }
    case 'image': {
      // Snapshots (a chart) are images carried in the note itself; nothing is fetched from elsewhere.
      const src = String(node.attrs?.['src'] ?? '');
      if (!SNAPSHOT_SRC.test(src)) return null;
      const title = typeof node.attrs?.['title'] === 'string' ? node.attrs['title'] : '';
      return (
        <figure key={key} className="pc-note-snapshot">
          <img src={src} alt={typeof node.attrs?.['alt'] === 'string' ? node.attrs['alt'] : ''} />
          {title && <figcaption>{title}</figcaption>}
        </figure>
      );
    }
    case 'text':
      return <Fragment key={key}>{marked(node.text ?? '', node.marks)}</Fragment>;
    default:
      return <Fragment key={key}>{kids()}</Fragment>;
  }
}

export function RichText({ body, onOpenRef, className }: { body: unknown; onOpenRef?: (ref: Ref) => void; className?: string }) {
  return <div className={`pc-note-prose ${className ?? ''}`}>{isNode(body) ? render(body, 0, onOpenRef) : null}</div>;
}
