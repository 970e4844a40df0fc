// Every UI string goes through i18next. English is the reference; each dictionary must match its keys.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { hbs } from './locales/hbs.ts';

export const LANGUAGES = ['en', 'hbs'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', hbs: 'Bosanski / Hrvatski / Srpski' };
export const DICTIONARIES = { en, hbs };

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, hbs: { translation: hbs } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;
