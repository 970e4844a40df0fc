// A notebook entry being written: tiptap with headings, lists, quotes, tables and @-mentions of records
// (found with the graph's finder; a mention keeps the record's "kind:id", so it stays a live link). The
// editor injects no <style> (the CSP forbids inline styles): its rules are in cases.css.
import { Button, ButtonGroup, Divider, Menu, MenuItem, Spinner } from '@blueprintjs/core';
import Mention, { type MentionNodeAttrs } from '@tiptap/extension-mention';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findRecords, RECORD_ICONS, type FoundRecord } from './RecordFinder.tsx';
import { parseRef, type Ref } from './refs.ts';

type Suggest = { items: FoundRecord[]; index: number; rect: DOMRect | null; loading: boolean; command(attrs: MentionNodeAttrs): void };

export type NoteContent = { body: unknown; text: string };

/** The entry's plain text: blocks on their own lines, mentions as "@label". */
export const noteText = (editor: Editor) => editor.getText({ blockSeparator: '\n' }).trim();

export function NoteEditor({
  initial,
  onChange,
  onOpenRef,
}: {
  initial: unknown;
  onChange(content: NoteContent): void;
  /** Ctrl+click (Cmd+click) on a mention opens its record. */
  onOpenRef(ref: Ref): void;
}) {
  const { t } = useTranslation();
  const [suggest, setSuggest] = useState<Suggest | null>(null);
  const current = useRef<Suggest | null>(null);
  current.current = suggest;
  const changed = useRef(onChange);
  changed.current = onChange;

  const extensions = useMemo(
    () => [
      StarterKit.configure({ link: false, heading: { levels: [2, 3, 4] } }),
      TableKit.configure({ table: { resizable: false } }),
      // Snapshots of a chart come in as images inside the note (data: URLs; nothing fetched).
      Image.configure({ inline: false, allowBase64: true, HTMLAttributes: { class: 'pc-note-snapshot' } }),
      Mention.configure({
        HTMLAttributes: { class: 'pc-mention' },
        suggestion: {
          char: '@',
          debounce: 200,
          items: async ({ query }: { query: string }) => (query.trim().length < 2 ? [] : findRecords(query.trim(), undefined, 8)),
          render: () => {
            const show = (p: SuggestionProps<FoundRecord, MentionNodeAttrs>, keep: boolean) =>
              setSuggest((old) => ({
                items: p.items,
                index: keep && old ? Math.min(old.index, Math.max(0, p.items.length - 1)) : 0,
                rect: p.clientRect?.() ?? null,
                loading: p.loading,
                command: p.command,
              }));
            return {
              onStart: (p: SuggestionProps<FoundRecord, MentionNodeAttrs>) => show(p, false),
              onUpdate: (p: SuggestionProps<FoundRecord, MentionNodeAttrs>) => show(p, true),
              onExit: () => setSuggest(null),
              onKeyDown: ({ event }: SuggestionKeyDownProps) => {
                const s = current.current;
                if (!s) return false;
                if (event.key === 'Escape') {
                  setSuggest(null);
                  return true;
                }
                if (!s.items.length) return false;
                if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                  const step = event.key === 'ArrowDown' ? 1 : -1;
                  setSuggest({ ...s, index: (s.index + step + s.items.length) % s.items.length });
                  return true;
                }
                if (event.key === 'Enter' || event.key === 'Tab') {
                  const item = s.items[s.index];
                  if (item) s.command({ id: item.id, label: item.label });
                  return true;
                }
                return false;
              },
            };
          },
        },
      }),
    ],
    [],
  );

  const editor = useEditor({
    extensions,
    content: (initial as object | null) ?? '',
    injectCSS: false,
    shouldRerenderOnTransaction: true,
    editorProps: { attributes: { class: 'pc-note-prose', 'data-testid': 'note-editor', 'aria-label': t('cases.notes.editorLabel') } },
    onUpdate: ({ editor: e }) => changed.current({ body: e.getJSON(), text: noteText(e) }),
  });

  function onClick(e: MouseEvent) {
    const el = (e.target as HTMLElement).closest('[data-type="mention"]');
    const ref = parseRef(el?.getAttribute('data-id'));
    if (ref && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onOpenRef(ref);
    }
  }

  return (
    <div className="pc-note-editor">
      {editor && <Toolbar editor={editor} />}
      <div onClick={onClick} title={t('cases.notes.mentionHint')}>
        <EditorContent editor={editor} />
      </div>
      {suggest && suggest.rect && (
        <div className="pc-mention-popup" style={{ top: suggest.rect.bottom + 4, left: suggest.rect.left }} data-testid="mention-popup">
          <Menu>
            {suggest.loading && suggest.items.length === 0 && <MenuItem disabled text={<Spinner size={14} />} />}
            {!suggest.loading && suggest.items.length === 0 && <MenuItem disabled text={t('cases.notes.mentionNone')} />}
            {suggest.items.map((r, i) => (
              <MenuItem
                key={r.id}
                icon={RECORD_ICONS[r.kind]}
                text={r.label}
                label={t(`cases.kinds.${r.kind}`)}
                active={i === suggest.index}
                onMouseDown={(e) => {
                  e.preventDefault();
                  suggest.command({ id: r.id, label: r.label });
                }}
                data-testid="mention-item"
                data-record={r.id}
              />
            ))}
          </Menu>
        </div>
      )}
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const chain = () => editor.chain().focus();
  const inTable = editor.isActive('table');
  const b = (icon: Parameters<typeof Button>[0]['icon'], label: string, active: boolean, run: () => void, testid?: string) => (
    <Button icon={icon} active={active} title={label} aria-label={label} onMouseDown={(e) => e.preventDefault()} onClick={run} data-testid={testid} />
  );
  return (
    <div className="pc-note-toolbar" role="toolbar" aria-label={t('cases.notes.toolbar')}>
      <ButtonGroup variant="minimal">
        {b('bold', t('cases.notes.bold'), editor.isActive('bold'), () => chain().toggleBold().run())}
        {b('italic', t('cases.notes.italic'), editor.isActive('italic'), () => chain().toggleItalic().run())}
        {b('strikethrough', t('cases.notes.strike'), editor.isActive('strike'), () => chain().toggleStrike().run())}
      </ButtonGroup>
      <Divider />
      <ButtonGroup variant="minimal">
        {b('header-two', t('cases.notes.heading2'), editor.isActive('heading', { level: 2 }), () => chain().toggleHeading({ level: 2 }).run(), 'note-h2')}
        {b('header-three', t('cases.notes.heading3'), editor.isActive('heading', { level: 3 }), () => chain().toggleHeading({ level: 3 }).run())}
        {b('properties', t('cases.notes.bullets'), editor.isActive('bulletList'), () => chain().toggleBulletList().run(), 'note-bullets')}
        {b('numbered-list', t('cases.notes.numbered'), editor.isActive('orderedList'), () => chain().toggleOrderedList().run())}
        {b('citation', t('cases.notes.quote'), editor.isActive('blockquote'), () => chain().toggleBlockquote().run())}
      </ButtonGroup>
      <Divider />
      <ButtonGroup variant="minimal">
        {b('th', t('cases.notes.table'), false, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), 'note-table')}
        {inTable && b('add-row-bottom', t('cases.notes.addRow'), false, () => chain().addRowAfter().run())}
        {inTable && b('add-column-right', t('cases.notes.addColumn'), false, () => chain().addColumnAfter().run())}
        {inTable && b('remove-row-bottom', t('cases.notes.deleteRow'), false, () => chain().deleteRow().run())}
        {inTable && b('remove-column-right', t('cases.notes.deleteColumn'), false, () => chain().deleteColumn().run())}
        {inTable && b('trash', t('cases.notes.deleteTable'), false, () => chain().deleteTable().run())}
      </ButtonGroup>
      <Divider />
      <ButtonGroup variant="minimal">
        {b('at', t('cases.notes.mention'), false, () => chain().insertContent(' @').run(), 'note-mention')}
        {b('undo', t('cases.notes.undo'), false, () => chain().undo().run())}
        {b('redo', t('cases.notes.redo'), false, () => chain().redo().run())}
      </ButtonGroup>
    </div>
  );
}
