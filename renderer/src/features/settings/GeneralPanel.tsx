import { FormGroup, HTMLSelect, SegmentedControl } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { usePreferences, type Theme } from '../../app/preferences.tsx';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/index.ts';

export function GeneralPanel() {
  const { t } = useTranslation();
  const { theme, setTheme, language, setLanguage } = usePreferences();
  return (
    <div className="pc-panel">
      <FormGroup label={t('settings.theme')}>
        <SegmentedControl
          value={theme}
          onValueChange={(v) => setTheme(v as Theme)}
          options={[
            { value: 'dark', label: t('settings.dark') },
            { value: 'light', label: t('settings.light') },
          ]}
        />
      </FormGroup>
      <FormGroup label={t('settings.language')} labelFor="settings-language">
        <HTMLSelect
          id="settings-language"
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as Language)}
          options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        />
      </FormGroup>
    </div>
  );
}
