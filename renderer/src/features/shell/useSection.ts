// The current section, kept in the address hash (#/cases) so back and forward work. A section may keep
// its own place after its name (#/targeting/queue/12); the section is the first part.
import { useCallback, useEffect, useState } from 'react';
import { SECTIONS, type SectionId } from './sections.ts';

function fromHash(): SectionId {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return SECTIONS.some((s) => s.id === id) ? (id as SectionId) : 'overview';
}

export function useSection(): [SectionId, (id: SectionId) => void] {
  const [section, setSection] = useState<SectionId>(fromHash);
  useEffect(() => {
    const onHash = () => setSection(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((id: SectionId) => {
    if (location.hash !== `#/${id}`) location.hash = `#/${id}`;
    setSection(id);
  }, []);
  return [section, go];
}
