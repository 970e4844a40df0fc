// Reference lists the rules and indicators read (high-risk origins and hubs, vague goods terms, source
// countries…): each viewed and edited as one item per line; a new list by name.
import { Button, Classes, FormGroup, H4, HTMLTable, InputGroup, Intent, Spinner, TextArea } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferenceList } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTargetingFormat } from './format.ts';
import { useLoad } from '../../components/useLoad.ts';

export function ReferenceLists() {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const load = useCallback(() => api.call('targeting.lists'), []);
  const lists = useLoad(load, []);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const current = lists.data?.find((l) => l.name === open) ?? null;

  return (
    <section className="pc-lists pc-mt" data-testid="reference-lists">
      <div className="pc-row pc-mb">
        <H4 className="pc-flex pc-h-inline">{t('targeting.list.title')}</H4>
        <Button
          icon="add"
          text={t('targeting.list.new')}
          onClick={() => {
            setCreating(true);
            setOpen(null);
          }}
          data-testid="list-new"
        />
      </div>
      <p className={Classes.TEXT_MUTED}>{t('targeting.list.help')}</p>
      <ErrorCallout error={lists.error} />
      <div className="pc-split">
        <div className="pc-split-list">
          {!lists.data ? (
            <Spinner size={20} />
          ) : (
            <HTMLTable compact interactive className="pc-table" data-testid="list-table">
              <thead>
                <tr>
                  <th>{t('targeting.list.name')}</th>
                  <th className="pc-right">{t('targeting.list.items')}</th>
                  <th>{t('targeting.list.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.map((l) => (
                  <tr
                    key={l.name}
                    className={l.name === open ? 'pc-selected' : undefined}
                    onClick={() => {
                      setCreating(false);
                      setOpen(l.name);
                    }}
                    data-testid="list-row"
                    data-list={l.name}
                  >
                    <td>
                      <button type="button" className="pc-record-link">
                        {l.name}
                      </button>
                    </td>
                    <td className="pc-right pc-num">{f.number(l.items.length)}</td>
                    <td className={Classes.TEXT_MUTED}>{f.moment(l.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          )}
        </div>
        <div className="pc-split-detail">
          {(creating || current) && (
            <ListEditor
              key={creating ? '__new' : current!.name}
              list={creating ? null : current}
              onSaved={(l) => {
                setCreating(false);
                setOpen(l.name);
                lists.reload();
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function ListEditor({ list, onSaved }: { list: ReferenceList | null; onSaved(l: ReferenceList): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  const [items, setItems] = useState((list?.items ?? []).join('\n'));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const parsed = [
    ...new Set(
      items
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];

  async function save() {
    setError(null);
    try {
      const list = await api.call('targeting.saveList', { name: name.trim(), description, items: parsed });
      setItems(list.items.join('\n'));
      setSaved(true);
      onSaved(list);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="pc-list-editor" data-testid="list-editor">
      {list ? (
        <H4>{list.name}</H4>
      ) : (
        <FormGroup label={t('targeting.list.name')} labelFor="list-name" labelInfo={t('targeting.required')}>
          <InputGroup id="list-name" value={name} onValueChange={setName} data-testid="list-name" />
        </FormGroup>
      )}
      <FormGroup label={t('targeting.list.description')} labelFor="list-description">
        <TextArea id="list-description" fill autoResize value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      </FormGroup>
      <FormGroup label={t('targeting.list.itemsLabel', { count: parsed.length })} labelFor="list-items" helperText={t('targeting.list.itemsHelp')}>
        <TextArea
          id="list-items"
          fill
          rows={10}
          className={Classes.MONOSPACE_TEXT}
          value={items}
          onChange={(e) => setItems(e.currentTarget.value)}
          data-testid="list-items"
        />
      </FormGroup>
      <div className="pc-row">
        <Button
          intent={Intent.PRIMARY}
          icon="floppy-disk"
          text={t('common.save')}
          disabled={!name.trim()}
          onClick={() => void save()}
          data-testid="list-save"
        />
        {saved && <span className={Classes.TEXT_MUTED}>{t('targeting.list.savedNote')}</span>}
      </div>
      <ErrorCallout error={error} />
    </div>
  );
}
