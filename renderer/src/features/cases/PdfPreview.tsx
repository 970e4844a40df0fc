// A PDF attachment's first pages drawn on canvases by PDF.js (no plug-in, no embedded frame: the content
// security policy allows neither), from the decrypted bytes already in memory; its scripts never run
// and nothing is fetched.
import { Spinner } from '@blueprintjs/core';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages drawn at most: a preview, the document itself is saved to read it all. */
const PAGES = 3;

export function PdfPreview({ data }: { data: Uint8Array }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number } | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    const task = getDocument({ data: data.slice(), isEvalSupported: false, enableXfa: false, disableFontFace: false, useSystemFonts: false });
    void (async () => {
      try {
        const doc = await task.promise;
        const host = box.current;
        if (!host || !live) return;
        host.replaceChildren();
        for (let n = 1; n <= Math.min(PAGES, doc.numPages); n++) {
          const page = await doc.getPage(n);
          const viewport = page.getViewport({ scale: 1.2 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.className = 'pc-pdf-page';
          canvas.dataset['testid'] = 'attachment-pdf-page';
          host.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
          if (!live) return;
        }
        setState({ pages: doc.numPages });
      } catch {
        if (live) setState('failed');
      }
    })();
    return () => {
      live = false;
      void task.destroy();
    };
  }, [data]);
  return (
    <div className="pc-pdf-preview">
      {state === 'loading' && <Spinner size={24} />}
      {state === 'failed' && <p>{t('cases.attachments.pdfUnreadable')}</p>}
      <div ref={box} />
      {typeof state === 'object' && state.pages > PAGES && <p className="pc-muted">{t('cases.attachments.pdfMore', { count: state.pages - PAGES })}</p>}
    </div>
  );
}
