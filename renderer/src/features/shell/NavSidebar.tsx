// Left navigation: one entry per section, with its keyboard shortcut.
import { Classes, Icon, KeyComboTag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { SECTIONS, sectionKey, type SectionId } from './sections.ts';

export function NavSidebar({ current, onSelect }: { current: SectionId; onSelect(id: SectionId): void }) {
  const { t } = useTranslation();
  return (
    <nav className="pc-nav" aria-label={t('nav.label')}>
      {SECTIONS.map((s, i) => (
        <button
          key={s.id}
          type="button"
          className={`pc-nav-item ${current === s.id ? 'pc-active' : ''}`}
          aria-current={current === s.id ? 'page' : undefined}
          onClick={() => onSelect(s.id)}
          title={t(`sections.${s.id}.title`)}
        >
          <Icon icon={s.icon} />
          <span className="pc-nav-text">{t(`sections.${s.id}.title`)}</span>
          <KeyComboTag className={`pc-nav-key ${Classes.TEXT_MUTED}`} combo={sectionKey(i)} minimal />
        </button>
      ))}
    </nav>
  );
}
