// The mapping screen for a CSV or spreadsheet: each column with sample values and the field it fills,
// suggested from its header or taken from the saved specification that matches; optionally saved as a
// specification for this source.
import { Button, Callout, Checkbox, Classes, Dialog, DialogBody, DialogFooter, HTMLSelect, HTMLTable, InputGroup, Intent, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TABLE_FIELDS, type TableField, type TablePreview } from '../../../../shared/domain/imports.ts';

export type MappingAnswer = { mapping: Partial<Record<TableField, number>>; saveAs: string | null };

function initial(preview: TablePreview): (TableField | '')[] {
  const byColumn: (TableField | '')[] = preview.headers.map(() => '');
  if (preview.specMapping) {
    for (const [field, col] of Object.entries(preview.specMapping)) if (col !== undefined && col < byColumn.length) byColumn[col] = field as TableField;
  } else {
    for (const s of preview.suggestions) if (s.field && s.confidence >= 0.6) byColumn[s.column] = s.field;
  }
  return byColumn;
}

export function MappingDialog({ name, preview, onDone }: { name: string; preview: TablePreview; onDone(answer: MappingAnswer | null): void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState(() => initial(preview));
  const [save, setSave] = useState(false);
  const [specName, setSpecName] = useState('');
  const mapping: Partial<Record<TableField, number>> = {};
  fields.forEach((f, col) => {
    if (f) mapping[f] = col;
  });
  const duplicate = fields.filter(Boolean).length !== Object.keys(mapping).length;
  const ready = mapping.docNumber !== undefined && !duplicate && (!save || specName.trim() !== '');
  const used = new Set(fields);

  return (
    <Dialog isOpen onClose={() => onDone(null)} title={t('mapping.title', { file: name })} icon="th" style={{ width: 860 }}>
      <DialogBody>
        {preview.matchedSpec ? (
          <Callout intent={Intent.SUCCESS} icon="saved" data-testid="spec-matched">
            {t('mapping.matched', { spec: preview.matchedSpec })}
          </Callout>
        ) : (
          <p className={Classes.TEXT_MUTED}>{t('mapping.explain')}</p>
        )}
        <HTMLTable compact className="pc-mapping" data-testid="mapping-table">
          <thead>
            <tr>
              <th>{t('mapping.column')}</th>
              <th>{t('mapping.sample')}</th>
              <th>{t('mapping.field')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((header, col) => (
              <tr key={col}>
                <td>
                  <strong>{header || `#${col + 1}`}</strong>
                </td>
                <td className={Classes.TEXT_MUTED}>
                  {preview.sample
                    .map((r) => r[col] ?? '')
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(' · ')}
                </td>
                <td>
                  <HTMLSelect
                    aria-label={t('mapping.fieldFor', { column: header })}
                    value={fields[col]}
                    onChange={(e) => setFields((prev) => prev.map((f, i) => (i === col ? (e.currentTarget.value as TableField | '') : f)))}
                  >
                    <option value="">{t('mapping.ignore')}</option>
                    {TABLE_FIELDS.map((f) => (
                      <option key={f} value={f} disabled={used.has(f) && fields[col] !== f}>
                        {t(`fields.${f}`)}
                      </option>
                    ))}
                  </HTMLSelect>
                  {fields[col] === 'docNumber' && (
                    <Tag minimal intent={Intent.PRIMARY} className="pc-ml">
                      {t('mapping.required')}
                    </Tag>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
        {mapping.docNumber === undefined && (
          <Callout intent={Intent.WARNING} className="pc-mt">
            {t('mapping.needDocument')}
          </Callout>
        )}
        <div className="pc-row pc-mt">
          <Checkbox checked={save} label={t('mapping.save')} onChange={(e) => setSave(e.currentTarget.checked)} />
          {save && <InputGroup aria-label={t('mapping.specName')} placeholder={t('mapping.specName')} value={specName} onValueChange={setSpecName} />}
        </div>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('common.cancel')} onClick={() => onDone(null)} />
            <Button
              intent={Intent.PRIMARY}
              icon="import"
              text={t('mapping.import')}
              disabled={!ready}
              onClick={() => onDone({ mapping, saveAs: save ? specName.trim() : null })}
            />
          </>
        }
      />
    </Dialog>
  );
}
