// The default French lexicon of the urgency detector, as data. An organisation extends it with
// `mergeLexicon` (its own words, phrases and false alarms) without touching code. Patterns use the
// small language described in `pattern.ts`; matching is tolerant of accents, case, SMS forms and
// spelling by ear, so each entry is written once in its dictionary form.

export const FLAG_CODES = [
  "homeless",
  "domestic_violence",
  "isolated_vulnerable",
  "no_utilities",
  "safety_hazard",
  "health",
  "child_at_risk",
] as const;

export type FlagCode = (typeof FLAG_CODES)[number];

/**
 * Words that must all appear close together: each part is a list of patterns (any one matches), or
 * `"@<flag>"` for the direct terms of another flag (e.g. a serious illness + a utility cut-off).
 */
export interface Combo {
  parts: string[][];
  /** Maximum distance in words between the first and the last part. */
  window: number;
}

export interface FlagLexicon {
  /**
   * `critical` flags keep the request urgent even when the writer says "ce n'est pas urgent"
   * (people in danger understate it); `normal` ones are dropped by such a statement.
   */
  severity: "critical" | "normal";
  /** Words and phrases that raise the flag on their own. */
  terms: string[];
  combos: Combo[];
  /** Phrases that, when they overlap a match, show it is not this situation ("rue de la Paix"). */
  falseAlarms: string[];
}

export interface NegationLexicon {
  /** Words that negate a match that follows them in the same clause ("pas de fuite"). */
  cues: string[];
  /** How many words back from a match a cue is looked for. */
  window: number;
  /** Words that end a clause for negation purposes ("pas de souci mais la fuite…"). */
  clauseBreakers: string[];
}

export interface Lexicon {
  flags: Record<FlagCode, FlagLexicon>;
  negation: NegationLexicon;
  /** The writer says it can wait ("ce n'est pas urgent"): `normal` flags are dropped. */
  notUrgent: string[];
}

/** What an organisation adds: more words, phrases and false alarms, or entries to remove. */
export interface LexiconExtension {
  flags?: Partial<
    Record<
      FlagCode,
      {
        severity?: "critical" | "normal";
        terms?: string[];
        combos?: Combo[];
        falseAlarms?: string[];
        /** Default terms or false alarms to drop, written exactly as in the base lexicon. */
        remove?: string[];
      }
    >
  >;
  negation?: { cues?: string[]; window?: number; clauseBreakers?: string[] };
  notUrgent?: string[];
}

// Shared word lists (dictionary forms; tolerance is added by the matcher).
const UTILITY = "chauffage|eau|electricite|elec|courant|lumiere|gaz|chaleur|jus";
const CHILD = "enfant*|fils|fille|filles|bebe|nourrisson|petit|petite|gamin*|ado|ados|adolescent*|garcon*";
const PARTNER =
  "mari|conjoint|compagnon|concubin|ex|copain|epoux|femme|compagne|concubine|copine|epouse|pere";
const VULNERABLE = [
  "age|agee|ages|agees",
  "personne agee",
  "vieux|vieille|vieil",
  "#>=70 an|ans",
  "handicap*",
  "fauteuil",
  "invalide*",
  "alite*",
  "grabataire*",
  "aveugle*",
  "malvoyant*",
  "dependant|dependante",
  "grand mere|pere",
  "mamie|papi|papy",
  "centenaire",
  "paraplegique|tetraplegique|hemiplegique|myopathe",
  "sourd|sourde|malentendant*",
  "alzheimer",
];

export const defaultLexicon: Lexicon = {
  flags: {
    homeless: {
      severity: "normal",
      terms: [
        "a la rue",
        "sdf",
        "=sans domicile|abri|toit|logement",
        "=plus|=pas|=aucun de? toit|domicile|logement|hebergement",
        "nulle part {0,2} dormir|aller|vivre",
        "sais pas ou aller|dormir",
        "expuls*",
        "dors|dort|dormir|dormons|dorment|dormi|dormirai {0,3} dehors|voiture|parking|gare|tente|squat|hall|cave",
        "dors|dort|dormir|dormons|dorment|dormi dans la rue",
        "au 115",
        "appel* le 115",
        "mis|mise|mettre|met|mets|jete|jetee|jeter|foutu|foutue|foutre|vire|viree|virer|chasse|chassee {0,2} dehors",
        "mis|mise|mettre|met|mets|jete|jetee|jeter|foutu|foutue|vire|viree|chasse|chassee a la porte",
        "hebergement d urgence",
        "serai|sera|serons|seront|suis|sommes|retrouve|retrouver|retrouvons|finir|etre dehors",
        "vire|viree|virer|vires|jete|jetee|jeter|chasse|chassee|mis|mise de chez",
        "dors|dort|dormir|dormons|dorment|dormi {0,3} parc|banc|jardin|metro|trottoir|abri|escalier|escaliers",
        "=sans solution de? logement|hebergement",
        "=pas|=plus|=aucun de? solution de|d logement|hebergement",
      ],
      combos: [],
      falseAlarms: [
        "a la rue de|du !nouveau|retour",
        "a la rue des !demain|aujourd*|ce|cette|maintenant|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|que|le|la|cet",
        "a la rue ^",
        "a la rue #>=1",
      ],
    },
    domestic_violence: {
      severity: "critical",
      terms: [
        "me|m|nous|les|la|te {0,2} frappe*|bat|battu|battue|battre|tape|tapee|tapes|cogne*|gifle*|etrangl*|tabass*|brutalis*|viole|violee",
        "violence* conjugal*|domestique*|intrafamilia*|familial*",
        "femme* battue*",
        "victime* de violence*",
        "est|sont violent|violente",
        "menace* {0,2} tuer|mort|couteau|arme",
        "menasse* {0,2} tuer|mort|couteau|arme",
        "veut|va me tuer",
        "ma frappe*|tabass*|battu|battue|gifle*|cogne*|etrangl*|menace*|pousse*|bouscul*",
        "me|m {0,2} menace*|menasse*|pousse|poussee|bouscule*|tuer*|viole|violee|force*|brule|brulee|mordu*",
        "leve|lever la main sur moi",
        "violence* economique*|psychologique*|verbale*|sexuelle*|physique*",
        "sous emprise",
        "emprise de mon|ma",
        "coup|coups de poing|pied|pieds|couteau|ceinture",
        "peur pour ma vie",
        "peur de mon|ma mari|conjoint|compagnon|concubin|ex|copain|femme|compagne|pere|frere|fils",
      ],
      combos: [
        {
          parts: [
            [PARTNER],
            [
              "frappe*|bat|cogne*|tape|gifle*|etrangl*|tabass*|secoue*|violent*|menace*|harcel*|enferme*|coups",
              "pousse|poussee|bouscul*|hurle*|insulte*|casser|tuer*|bleus|hematome*|emprise",
            ],
          ],
          window: 8,
        },
      ],
      falseAlarms: [
        "frappe* a|à la|ma|sa|votre porte",
        "frappe* par le|la|les|un|une",
        "tape* sur le|les nerf*|systeme",
        "tape* sur le mur",
        "violence* des orage*|vent*|pluie*|intemperie*",
        "vent|orage*|pluie*|tempete* {0,2} violent*",
      ],
    },
    isolated_vulnerable: {
      severity: "normal",
      terms: [],
      combos: [
        {
          parts: [
            VULNERABLE,
            [
              "seul|seule|seuls|seules",
              "isole|isolee|isoles|isolees",
              "=sans famille",
              "=sans|=pas de? nouvelle*",
              "ne|n repond|repondent|ouvre plus|pas|ni",
              "volets {0,2} fermes",
              "auxiliaire|aide|aidant|infirmier|infirmiere {0,3} malade|absent|absente|vient|passe plus|pas",
              "peut|peux|arrive plus|pas {0,1} sortir|descendre|monter|deplacer|lever",
              "coince|coincee|bloque|bloquee",
              "plus personne",
              "personne ne passe|vient",
              "vient|viennent|passe plus",
              "pas vu personne",
              "rien a manger",
            ],
          ],
          window: 14,
        },
      ],
      falseAlarms: ["seul|seule avec mes|ses|leurs|son|sa|mon|ma"],
    },
    no_utilities: {
      severity: "normal",
      terms: [
        `=plus|=pas|=sans|=ni|=aucun|=aucune|=manque de|du|le|la? ${UTILITY}`,
        `=plus|=pas du tout de ${UTILITY}`,
        `coupure|coupures de|du? ${UTILITY}`,
        `${UTILITY}|chauffe {0,3} coupe|coupee|coupes|coupees|cesse`,
        `coupe|coupee le|la? ${UTILITY}`,
        "compteur {0,3} coupe|coupee",
        `panne|pannes de|d|du ${UTILITY}`,
        "eau {0,3} coule|coulent|sort pas|plus",
        "=pas|=plus une goutte",
        "dans le noir",
        "chaudiere|chauffage|ballon|cumulus {0,2} morte|mort|rade|lache|claque",
        "fait #<=16 dans|chez|a|au|degre|degres",
        "#<=16 degre|degres {0,3} dans|chez|appartement|logement|salon|chambre|maison",
        "chaudiere|chauffage|ballon|cumulus|radiateur|radiateurs|chauffe {0,4} panne|hs",
        "chaudiere|chauffage|ballon|cumulus|radiateur|radiateurs|chauffe {0,4} marche|marchent|fonctionne|fonctionnent|chauffe|chauffent pas|plus",
        "radiateur|radiateurs|chauffage {0,2} froid|froids|glace|glaces",
        "fait #<=16 degre|degres",
        "on|nous|je a|ai|avons froid",
        "on|nous|je se? gele|gelons|caille",
      ],
      combos: [],
      falseAlarms: [
        "plus de {0,3} que|qu",
        "coupure* {0,5} programm*|prevu*|annonce*|planifie*",
        "avis|risque de coupure",
        "sera|seront|va|vont etre? coupe*",
        "chauffage {0,3} sera|seront",
        "faut|dois|doit|peut|peux|pouvez|comment {0,2} couper",
        `${UTILITY} {0,3} revenu|revenue|retabli*|rallume*|remis|remise`,
      ],
    },
    safety_hazard: {
      severity: "normal",
      terms: [
        "fuite*",
        "fuit|fuient|fuyait",
        "coule|coulent {0,2} partout|plafond|mur|murs|escalier",
        "eau partout",
        "eau monte",
        "inond*",
        "degat|degats des eaux",
        "odeur* de|du gaz",
        "sent|sens|sentir le|du gaz",
        "monoxyde",
        "incendie*",
        "au|en|pris|prend feu",
        "flammes",
        "fumee*",
        "ca|sa fume",
        "fume {0,3} tableau|prise|compteur|prises",
        "ca|sa brule",
        "odeur de brule",
        "fil|fils|cable|cables {0,2} denude*",
        "court circuit",
        "etincelle*",
        "electrocut*",
        "effondr*",
        "ecroul*",
        "plafond {0,3} tombe|tomber|tombent",
        "menace de tomber|effondrer|ceder",
        "morceaux {0,3} tombe*",
        "coince|coincee|coinces|bloque|bloquee|bloques dans le ascenseur",
        "tuyau|tuyaux|canalisation* {0,3} eclate*|perce*|casse*|fuit",
        "plafond {0,3} goutte*|coule*|fuit|perce",
        "coule|coulent {0,4} prise|prises|compteur|tableau|electri*",
        "fenetre|pierre|pierres|morceau|morceaux|vitre|tuile|tuiles|balcon|facade|plaque {0,4} tombe|tombee|tombees|tombent|tombe*",
        "le feu chez|dans|au|a",
        "il y a le feu",
        "ascenseur {0,2} bloque|bloquee|coince|coincee {0,3} avec|dedans",
        "personne|dame|monsieur|enfant|quelqu {0,1} coince|coincee|bloque|bloquee dans",
      ],
      combos: [],
      falseAlarms: [
        "fuite* de|des donnee*|information*|abonnement|memoire|cerveau*|capitaux",
        "fuite* de|d mon|ma|mes|votre abonnement|compte|forfait|mail|donnees",
        "mail|adresse|donnees|passe {0,2} fuite*",
        "fuite* {0,8} repare*|reglee|resolue|terminee|colmate*",
        "repar* {0,3} fuite*",
        "attestation|assurance|constat {0,3} degat|degats",
        "inond* de|d pub|pubs|publicite*|courrier*|mail|mails|messages|spam*|appels|demandes",
        "detecteur* de fumee",
        "exercice* {0,2} incendie|evacuation",
        "depuis|apres le|l incendie",
        "feu d artifice",
        "feu rouge|vert|orange",
      ],
    },
    health: {
      severity: "critical",
      terms: [
        "malaise*",
        "crise cardiaque|d asthme|d epilepsie",
        "avc",
        "respire|respirer mal|plus|difficilement",
        "mal a respirer",
        "ne respire",
        "saigne*",
        "urgence medicale",
        "samu",
        "appel* le 15|112",
        "arrive|peut|peux pas|plus a? se|me relever",
        "suicid*",
        "en finir",
        "envie de|veux mourir",
        "vais|veux|va me|se tuer",
        "mettre fin a mes|ses jours",
        "foutre en le air",
        "se|me jeter par|sous",
        "contractions",
        "perdu les eaux",
        "intoxication*",
        "intoxique*",
        "monoxyde",
        "inconscient*",
        "evanoui*",
        "convulsion*",
        "perdu connaissance",
        "ne se reveille|reveillent pas|plus",
        "respire|respirent bizarrement|fort",
        "overdose",
        "tentative de suicide",
        "ambulance",
        "au secours",
        "=pas|=plus|=sans de? traitement|medicament*|insuline|oxygene",
        "avale* {0,3} produit*|medicament*|pile|piles|javel|poison|cachets",
        "douleur* {0,2} poitrine|thoracique*",
      ],
      combos: [
        {
          parts: [
            [
              "oxygene",
              "dialyse",
              "chimio*",
              "insuline",
              "diabet*",
              "respirateur",
              "cancer",
              "greffe*",
              "insuffisan* respiratoire|cardiaque|renale",
            ],
            ["@no_utilities", "frigo|refrigerateur {0,3} marche|fonctionne plus|pas"],
          ],
          window: 14,
        },
      ],
      falseAlarms: [],
    },
    child_at_risk: {
      severity: "critical",
      terms: ["fugue*", "enfant* en danger", "maltrait*"],
      combos: [
        {
          parts: [
            [CHILD],
            [
              "frappe*|bat|battu*|cogne*|tape|gifle*|secoue*|maltrait*|agress*|abus*|viole|violee",
              "violence*",
              "fugue*|disparu|disparue",
              "seul|seule|seuls|seules",
              "enferme|enfermee|enfermes",
              "peur",
              "danger",
              "coups",
              "grimpe*",
              "se jeter",
              "tomber par",
              "avale*",
              "blesse|blessee",
              "rebord",
              "=pas|=plus rentre|rentree|revenu|revenue",
            ],
          ],
          window: 12,
        },
        {
          parts: [
            ["bebe|nourrisson|nouveau ne", "#<=24 mois"],
            ["froid", "@no_utilities"],
          ],
          window: 12,
        },
      ],
      falseAlarms: ["seul|seule avec mes|ses|leurs|son|sa|mon|ma"],
    },
  },
  negation: {
    cues: ["pas", "aucun", "aucune", "sans", "jamais", "plus", "rien", "non", "nullement"],
    window: 5,
    clauseBreakers: [
      "mais",
      "sauf",
      "cependant",
      "pourtant",
      "car",
      "et",
      "donc",
      "puis",
      "parce",
      "quand",
      "depuis",
      "cause",
    ],
  },
  notUrgent: [
    "pas|plus urgent|urgente|presse|pressee",
    "pas de|d urgence",
    "rien de|d urgent",
    "=sans urgence",
    "quand vous aurez|pourrez le? temps",
    "quand vous pourrez",
    "pas grave",
    "pas de|d inquietude",
    "ne vous inquietez pas",
    "fausse alerte",
    "tout est revenu|rentre|repare|regle",
  ],
};

function union(a: readonly string[], b: readonly string[] | undefined, remove: readonly string[]): string[] {
  const out = [...a, ...(b ?? [])].filter((x) => !remove.includes(x));
  return [...new Set(out)];
}

/** A new lexicon: the base with the extension's entries added (and its `remove` entries dropped). */
export function mergeLexicon(base: Lexicon, extension: LexiconExtension): Lexicon {
  const flags = {} as Record<FlagCode, FlagLexicon>;
  for (const code of FLAG_CODES) {
    const b = base.flags[code];
    const e = extension.flags?.[code];
    const remove = e?.remove ?? [];
    flags[code] = {
      severity: e?.severity ?? b.severity,
      terms: union(b.terms, e?.terms, remove),
      combos: [...b.combos, ...(e?.combos ?? [])],
      falseAlarms: union(b.falseAlarms, e?.falseAlarms, remove),
    };
  }
  return {
    flags,
    negation: {
      cues: union(base.negation.cues, extension.negation?.cues, []),
      window: extension.negation?.window ?? base.negation.window,
      clauseBreakers: union(base.negation.clauseBreakers, extension.negation?.clauseBreakers, []),
    },
    notUrgent: union(base.notUrgent, extension.notUrgent, []),
  };
}
