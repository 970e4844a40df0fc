// Where files are dropped (or picked) for import.
import { Button, Classes, Icon } from '@blueprintjs/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function DropZone({ onFiles }: { onFiles(files: File[]): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };
  return (
    <div
      className={`pc-dropzone ${over ? 'pc-dropzone-over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Icon icon="import" size={28} />
      <div>{t('imports.drop')}</div>
      <div className={Classes.TEXT_MUTED}>{t('imports.formats')}</div>
      <Button icon="folder-open" text={t('imports.choose')} onClick={() => input.current?.click()} />
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
