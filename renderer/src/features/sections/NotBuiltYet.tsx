// What a section that is not built yet shows: its name, what it will do, and that it is not there yet.
import { Callout, H2, Icon, Intent } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Section } from '../shell/sections.ts';

export function NotBuiltYet({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <div className="pc-page" data-section={section.id}>
      <H2>
        <Icon icon={section.icon} size={20} /> {t(`sections.${section.id}.title`)}
      </H2>
      <p className="pc-lead">{t(`sections.${section.id}.purpose`)}</p>
      <Callout intent={Intent.WARNING} icon="build" title={t('sections.notBuilt.title')} data-testid="not-built">
        {t('sections.notBuilt.body')}
      </Callout>
    </div>
  );
}
