import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { id } from './id.js';

const STORAGE_KEY = 'tuntas.lang';

export type Language = 'id' | 'en';

export function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

/**
 * Indonesian is in the first bundle; English (as large again) is fetched only when a user chooses it
 * (the service worker precaches it, so the switch works offline too).
 */
async function ensureLoaded(lang: Language): Promise<void> {
  if (lang === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en.js');
    i18next.addResourceBundle('en', 'translation', en);
  }
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { id: { translation: id } },
    lng: 'id',
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const stored = storedLanguage();
  if (stored !== 'id') await setLanguage(stored);
  document.documentElement.lang = i18next.language;
}

export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await ensureLoaded(lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}
