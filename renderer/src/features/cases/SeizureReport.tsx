// The seizure report, as printed: the seizure's CEN fields, the case it belongs to, its photos (read and
// checked against their hashes, shown as data: images) and the list of those photos with their SHA-256.
import { NonIdealState, Spinner } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { isImage } from './attachments.ts';
import { caseHash } from './case-route.ts';
import { AttachmentTable, SeizureFacts, stamp } from './CaseReport.tsx';
import { useCaseFormat } from './format.ts';
import { TlpBadge } from './Handling.tsx';
import { PrintFrame } from './PrintFrame.tsx';

type Photo = { id: number; name: string; src: string };

export function SeizureReport({ caseId, seizureId, exportDir }: { caseId: number; seizureId: number; exportDir: string }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const detail = await api.call('cases.get', { id: caseId });
      const s = detail.seizures.find((x) => x.id === seizureId);
      const wanted = detail.attachments.filter((a) => s?.photos?.includes(a.id) && isImage(a.mediaType));
      const read: Photo[] = [];
      for (const a of wanted) {
        const content = await api.call('cases.attachment', { id: a.id });
        read.push({ id: a.id, name: a.name, src: `data:${content.mediaType};base64,${content.dataBase64}` });
      }
      await document.fonts.ready;
      if (!live) return;
      setC(detail);
      setPhotos(read);
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [caseId, seizureId]);
  if (error) return <ErrorCallout error={error} />;
  if (!c || !photos) return <NonIdealState icon={<Spinner />} title={t('cases.print.loading')} />;
  const s = c.seizures.find((x) => x.id === seizureId);
  if (!s) return <NonIdealState icon="confirm" title={t('cases.print.seizureMissing')} />;
  return (
    <PrintFrame
      c={c}
      kind={t('cases.print.seizureReport')}
      ready
      back={caseHash(c.id, 'seizures')}
      exportDir={exportDir}
      fileName={`${c.reference}-seizure-${s.id}-${stamp()}.pdf`}
    >
      <article className="pc-print-doc" data-testid="seizure-report">
        <section className="pc-print-seizure-head">
          <div className="pc-print-cover-kind">{t('cases.print.seizureReport')}</div>
          <TlpBadge tlp={c.tlp} large />
          <h1>
            {f.number(s.quantity)} {t(`targeting.seizure.units.${s.unit}`)} · {s.commodity}
          </h1>
          <p>{t('cases.print.ofCase', { reference: c.reference, title: c.title })}</p>
        </section>
        <section>
          <h2>{t('cases.print.seizureFacts')}</h2>
          <SeizureFacts c={c} s={s} />
        </section>
        {photos.length > 0 && (
          <section data-testid="print-photos">
            <h2>{t('cases.seizures.photos')}</h2>
            <div className="pc-print-photos">
              {photos.map((p) => (
                <figure key={p.id} className="pc-print-figure">
                  <img src={p.src} alt={p.name} />
                  <figcaption>{p.name}</figcaption>
                </figure>
              ))}
            </div>
            <AttachmentTable c={c} ids={photos.map((p) => p.id)} />
          </section>
        )}
      </article>
    </PrintFrame>
  );
}
