// Translations: one JSON file per language (French first). Add a language by adding its file to
// `resources` and to `LANGUAGES`; every text shown goes through t().
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import fr from "./fr.json";

export const LANGUAGES = ["fr"] as const;
export const DEFAULT_LANGUAGE = "fr";

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
