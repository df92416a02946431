// Labelled French test set for the urgency detector: messages as tenants of a social landlord or
// beneficiaries of a family-benefits fund write them (SMS style, no accents, typos), about half
// urgent. Written before the detector was tuned; every fourth message (index % 4 === 3) is a
// hold-out that is never inspected when tuning — only its aggregate figures are reported.
//
// Labelling rules (so the expected flags are defensible, not tuned to the detector):
// - homeless: the writer (or someone they speak for) is without a home now or about to be (eviction,
//   put out, sleeping outside / in a car / in a shelter).
// - domestic_violence: violence, threats or control by a partner, ex-partner or family member.
// - isolated_vulnerable: an elderly, disabled or bedridden person who is alone or cut off.
// - no_utilities: no heating, water, hot water, electricity or gas now.
// - safety_hazard: a water leak or flooding in progress, gas smell or leak, fire, smoke, electrical
//   danger, structural collapse, someone stuck in a lift.
// - health: a medical emergency or a serious condition made dangerous by the situation, suicidal
//   thoughts.
// - child_at_risk: a child in danger (violence in the home with children present, missing or
//   runaway child, child left alone, infant exposed to cold, child at risk of falling).
// A message is urgent when at least one flag applies. Negated, past, resolved, hypothetical or
// administrative mentions carry no flag.
import type { FlagCode } from "./lexicon.js";

export interface LabelledMessage {
  text: string;
  flags: FlagCode[];
}

const urgent: LabelledMessage[] = [
  // homeless
  { text: "jsuis a la rue depuis hier soir, jai nulle part ou dormir", flags: ["homeless"] },
  {
    text: "Bonjour, le propriétaire m'a mis à la porte ce matin, je n'ai plus de logement",
    flags: ["homeless"],
  },
  { text: "on dort dans la voiture depuis 3 nuits avec mon mari", flags: ["homeless"] },
  { text: "EXPULSION demain matin avec les huissiers, aidez moi svp", flags: ["homeless"] },
  { text: "jai recu un avis d'expulsion pour le 15, je sais pas ou aller", flags: ["homeless"] },
  { text: "je suis sans domicile depuis que ma maison a brûlé", flags: ["homeless"] },
  { text: "sdf depuis 2 semaines, je dors au 115 quand il y a de la place", flags: ["homeless"] },
  {
    text: "ma femme m'a foutu dehors, je dors chez des potes sur le canapé mais ce soir plus rien",
    flags: ["homeless"],
  },
  {
    text: "Je vais me retrouver à la rue à la fin du mois, le bailleur privé récupère l'appartement",
    flags: ["homeless"],
  },
  { text: "hebergement d'urgence svp je dors dehors ce soir", flags: ["homeless"] },
  { text: "je suis a la rue des demain, le foyer me met dehors", flags: ["homeless"] },
  {
    text: "on a été expulsés du logement ce matin, nos affaires sont sur le trottoir",
    flags: ["homeless"],
  },
  { text: "plus de toit depuis l'incendie de l'immeuble, personne ne nous reloge", flags: ["homeless"] },
  { text: "Je dors dans ma voiture sur le parking de la gare", flags: ["homeless"] },
  { text: "mon fils de 19 ans s'est fait jeter dehors, il est à la rue", flags: ["homeless"] },
  { text: "sans logement depuis la séparation, je suis hébergé a droite a gauche", flags: ["homeless"] },
  { text: "ils changent la serrure demain, expulsion locative, jai pas de solution", flags: ["homeless"] },
  { text: "Bjr jsui sdf et enceinte de 7 mois", flags: ["homeless"] },
  { text: "JE SUIS A LA RUE AIDEZ MOI", flags: ["homeless"] },
  { text: "on va etre expulsé lundi, le juge a dit oui au proprio", flags: ["homeless"] },

  // domestic violence
  { text: "il me frappe", flags: ["domestic_violence"] },
  {
    text: "mon mari me frappe devant les enfants, j'ai peur",
    flags: ["domestic_violence", "child_at_risk"],
  },
  { text: "Mon conjoint est violent, il m'a encore frappée hier soir", flags: ["domestic_violence"] },
  {
    text: "jai peur de mon ex il menace de me tuer et il a les clés de l'appart",
    flags: ["domestic_violence"],
  },
  {
    text: "victime de violences conjugales je dois partir de chez moi en urgence",
    flags: ["domestic_violence"],
  },
  { text: "il ma tabassé cette nuit, je suis chez ma soeur", flags: ["domestic_violence"] },
  {
    text: "mon compagnon me bat depuis des mois, je veux changer de logement vite",
    flags: ["domestic_violence"],
  },
  {
    text: "Je suis une femme battue, j'ai besoin d'un logement rapidement",
    flags: ["domestic_violence"],
  },
  {
    text: "il m'a étranglée, les gendarmes sont venus, je veux partir",
    flags: ["domestic_violence"],
  },
  { text: "mon concubin me tape dessus quand il a bu", flags: ["domestic_violence"] },
  {
    text: "harcèlement et menaces de mon ex mari, il m'attend en bas de l'immeuble",
    flags: ["domestic_violence"],
  },
  { text: "il me cogne et je peux plus rester ici", flags: ["domestic_violence"] },
  {
    text: "Mon mari m'a giflée et m'a enfermée dans la chambre",
    flags: ["domestic_violence"],
  },
  {
    text: "violences intrafamiliales, je demande un relogement d'urgence avec mes enfants",
    flags: ["domestic_violence", "child_at_risk"],
  },
  { text: "il ma frapé hier soir jsuis parti avec rien", flags: ["domestic_violence"] },
  { text: "peur de rentrer chez moi, mon conjoint est violent", flags: ["domestic_violence"] },
  { text: "svp aidé moi il me menasse avec un couteau", flags: ["domestic_violence"] },

  // isolated vulnerable
  {
    text: "Ma mère de 87 ans est seule chez elle, l'ascenseur est en panne depuis 5 jours et elle ne peut plus descendre",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "ma voisine agée n'ouvre plus depuis 3 jours, les volets sont fermés",
    flags: ["isolated_vulnerable"],
  },
  { text: "monsieur handicapé en fauteuil, bloqué au 6e sans ascenseur", flags: ["isolated_vulnerable"] },
  {
    text: "je suis handicapée et seule, je ne peux plus sortir faire mes courses",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "Mon père, 92 ans, vit seul et ne répond plus au téléphone depuis hier",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "personne agee isolée au 3eme, plus personne ne passe la voir",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "je suis en fauteuil roulant et l'ascenseur est en panne, je suis coincé chez moi",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "ma grand mere est toute seule elle a 89 ans et elle a plus rien a manger",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "Bonjour, je signale une dame très âgée qui vit seule et semble perdue dans la cage d'escalier",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "mon oncle aveugle vit seul et son aide à domicile ne vient plus",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "locataire de 78 ans, seule, sans famille, elle n'arrive plus à se déplacer",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "vieux monsieur tout seul au rdc, il a pas vu personne depuis une semaine",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "je suis invalide a 80% et seul, l'aide ménagère ne vient plus à cause du confinement",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "ma tante est alitée et seule depuis que l'infirmière ne passe plus",
    flags: ["isolated_vulnerable"],
  },
  { text: "ma mer a 90an elle é tte seul et pa de nouvel depui lundi", flags: ["isolated_vulnerable"] },

  // no utilities
  { text: "plu de chofage", flags: ["no_utilities"] },
  { text: "Plus de chauffage depuis lundi dans tout le bâtiment B", flags: ["no_utilities"] },
  { text: "on a pas d'eau depuis ce matin au 4eme", flags: ["no_utilities"] },
  {
    text: "coupure d'électricité dans l'appartement depuis hier, le frigo est foutu",
    flags: ["no_utilities"],
  },
  { text: "ya pu deau chaude depuis 3 jours", flags: ["no_utilities"] },
  { text: "la chaudière est en panne et il fait 14 degrés dans le salon", flags: ["no_utilities"] },
  { text: "les radiateurs sont froids depuis une semaine", flags: ["no_utilities"] },
  { text: "chauffage ne marche plus, on a froid la nuit", flags: ["no_utilities"] },
  { text: "EDF m'a coupé le courant, je n'ai plus de lumière", flags: ["no_utilities"] },
  { text: "sans eau depuis 48h, impossible de se laver", flags: ["no_utilities"] },
  {
    text: "le chauffage collectif est coupé et on est en plein mois de janvier",
    flags: ["no_utilities"],
  },
  { text: "pas d'électricité dans tout l'immeuble, le disjoncteur a sauté", flags: ["no_utilities"] },
  { text: "jai plus de gaz pour cuisiner ni d'eau chaude", flags: ["no_utilities"] },
  { text: "l eau est coupee chez moi personne ne m a prevenu", flags: ["no_utilities"] },
  { text: "chaudiere en pane depuis vendredi", flags: ["no_utilities"] },
  {
    text: "mon bébé de 2 mois a froid, plus de chauffage depuis 3 jours",
    flags: ["no_utilities", "child_at_risk"],
  },
  { text: "il n'y a plus de courant dans la cuisine ni dans le salon", flags: ["no_utilities"] },
  { text: "Le ballon d'eau chaude ne fonctionne plus", flags: ["no_utilities"] },
  {
    text: "je suis sous oxygène à domicile et l'électricité est coupée",
    flags: ["no_utilities", "health"],
  },
  { text: "g plu d'o chaude ni de chofaj", flags: ["no_utilities"] },
  { text: "le chauffage marche pas du tout depuis la semaine derniere", flags: ["no_utilities"] },

  // safety hazard
  {
    text: "fuite d'eau importante au plafond de la salle de bain, ça coule sur le compteur électrique",
    flags: ["safety_hazard"],
  },
  { text: "ça sent le gaz dans la cage d'escalier", flags: ["safety_hazard"] },
  { text: "odeur de gaz tres forte au 2eme", flags: ["safety_hazard"] },
  { text: "l'appartement du dessus fuit, mon plafond est inondé", flags: ["safety_hazard"] },
  { text: "le tuyau sous l'évier a éclaté, il y a de l'eau partout", flags: ["safety_hazard"] },
  { text: "incendie dans la cave, les pompiers sont là", flags: ["safety_hazard"] },
  {
    text: "des fils électriques dénudés pendent dans le hall, les enfants jouent à côté",
    flags: ["safety_hazard"],
  },
  { text: "le plafond de la cuisine s'est effondré cette nuit", flags: ["safety_hazard"] },
  { text: "fuite de gaz probable, mon détecteur sonne", flags: ["safety_hazard"] },
  { text: "la prise de la chambre a pris feu", flags: ["safety_hazard"] },
  { text: "innondation dans le garage, l eau monte", flags: ["safety_hazard"] },
  { text: "degat des eaux en cours, l'eau traverse le plafond", flags: ["safety_hazard"] },
  { text: "une personne est coincée dans l'ascenseur depuis 30 minutes", flags: ["safety_hazard"] },
  {
    text: "le balcon du 3e menace de tomber, des morceaux de béton tombent sur le trottoir",
    flags: ["safety_hazard"],
  },
  { text: "la chasse d'eau fuit sans arret et le sol est trempé", flags: ["safety_hazard"] },
  { text: "ça fume dans le tableau électrique", flags: ["safety_hazard"] },
  { text: "jai une fuite sous le lavabo ca coule de partout", flags: ["safety_hazard"] },
  { text: "sa sent le gas dans la cuisine", flags: ["safety_hazard"] },

  // health
  { text: "mon mari a fait un malaise dans l'escalier, il respire mal", flags: ["health"] },
  {
    text: "je suis diabétique et mon frigo ne marche plus depuis la coupure de courant, mon insuline va se perdre",
    flags: ["no_utilities", "health"],
  },
  { text: "ma mère est tombée et n'arrive pas à se relever, je ne peux pas entrer", flags: ["health"] },
  { text: "je veux en finir, je n'en peux plus de cette situation", flags: ["health"] },
  { text: "j'ai des idées suicidaires depuis que je suis seule", flags: ["health"] },
  {
    text: "mon fils fait une crise d'asthme à cause des moisissures, on a appelé le samu",
    flags: ["health"],
  },
  {
    text: "intoxication au monoxyde de carbone, toute la famille a mal à la tête",
    flags: ["health", "safety_hazard"],
  },
  { text: "urgence médicale, ma voisine saigne beaucoup et personne ne répond", flags: ["health"] },
  { text: "je suis sous dialyse et on m'a coupé l'eau", flags: ["no_utilities", "health"] },
  { text: "mon mari est en chimio et on n'a plus de chauffage", flags: ["no_utilities", "health"] },
  {
    text: "Bonjour je suis enceinte et j'ai des contractions, l'ascenseur est en panne au 9e",
    flags: ["health"],
  },
  { text: "il fait une crise cardiaque je crois, j'ai appelé le 15", flags: ["health"] },
  { text: "je me sens très mal, j'ai envie de mourir", flags: ["health"] },

  // child at risk
  { text: "ma fille de 14 ans a fugué depuis hier soir", flags: ["child_at_risk"] },
  {
    text: "les enfants du voisin sont seuls depuis 2 jours, on les entend pleurer",
    flags: ["child_at_risk"],
  },
  {
    text: "mon ex frappe mon fils quand il a la garde",
    flags: ["child_at_risk", "domestic_violence"],
  },
  {
    text: "la fenêtre de la chambre des enfants ne ferme plus et on habite au 7ème, mon petit de 3 ans grimpe dessus",
    flags: ["child_at_risk", "safety_hazard"],
  },
  {
    text: "je pense que les enfants d'en face sont maltraités, on entend des cris et des coups tous les soirs",
    flags: ["child_at_risk"],
  },
  { text: "mon fils de 8 ans a disparu en rentrant de l'école", flags: ["child_at_risk"] },
  { text: "enfant de 4 ans seul sur le palier, personne ne répond chez lui", flags: ["child_at_risk"] },
  {
    text: "mon nourrisson dort avec 3 couvertures, plus de chauffage depuis samedi",
    flags: ["no_utilities", "child_at_risk"],
  },
  { text: "mon ado menace de se jeter par la fenêtre", flags: ["child_at_risk", "health"] },
  {
    text: "Mon conjoint secoue le bébé quand il pleure",
    flags: ["child_at_risk", "domestic_violence"],
  },
  { text: "mes enfants ont peur, le père les bat", flags: ["child_at_risk", "domestic_violence"] },
  { text: "ma fille a été agressée dans le hall de l'immeuble", flags: ["child_at_risk"] },
  { text: "petit garçon de 5 ans enfermé seul dans l'appartement d'à côté", flags: ["child_at_risk"] },
];

const notUrgent: LabelledMessage[] = [
  // look-alikes named in the issue
  { text: "je crois qu'il y a une fuite de mon abonnement internet, je paie deux fois", flags: [] },
  { text: "la chaudière fait du bruit mais chauffe", flags: [] },
  { text: "mon fils est à la rue de la Paix chez sa grand-mère", flags: [] },
  { text: "pour info mon fils habite désormais au 12 rue de la Paix, merci de changer l'adresse", flags: [] },
  { text: "le plombier est passé, pas de fuite finalement, merci", flags: [] },
  { text: "ce n'est pas urgent mais j'aimerais changer le joint de la douche", flags: [] },
  { text: "je n'ai pas de problème de chauffage, je voulais juste un relevé", flags: [] },
  { text: "aucune fuite constatée après la visite du technicien", flags: [] },
  { text: "sans danger mais la porte du local vélos ferme mal", flags: [] },
  { text: "Merci pour la réparation de la fuite, tout est rentré dans l'ordre", flags: [] },
  { text: "La fuite est réparée depuis hier, vous pouvez clôturer", flags: [] },
  { text: "URGENT : j'ai besoin d'une attestation de loyer pour la CAF", flags: [] },
  { text: "je voudrais savoir quand sera versée l'allocation de rentrée scolaire", flags: [] },
  { text: "mon mari frappe à la porte du gardien tous les jours sans réponse", flags: [] },
  { text: "le voisin tape sur le mur toute la nuit avec sa musique", flags: [] },
  { text: "il me tape sur les nerfs avec ses travaux", flags: [] },
  { text: "le soleil tape fort sur la façade, est-ce possible d'avoir des stores", flags: [] },
  {
    text: "avis de coupure d'eau programmée jeudi de 9h à 12h, est ce que ça concerne mon bâtiment?",
    flags: [],
  },
  { text: "je paie plus de charges de chauffage que l'an dernier, pouvez-vous m'expliquer ?", flags: [] },
  { text: "régularisation des charges d'eau chaude incomprehensible", flags: [] },
  { text: "je vis seul et je voudrais un T1 plus petit", flags: [] },
  { text: "ma mère âgée va venir vivre avec nous, faut-il la déclarer ?", flags: [] },
  { text: "je suis handicapé et je demande un logement adapté au rdc pour l'an prochain", flags: [] },
  { text: "le chauffage marche très bien depuis l'intervention, merci", flags: [] },
  { text: "l'eau chaude est revenue, merci à l'équipe", flags: [] },
  { text: "il n'y a plus de problème d'électricité depuis le passage de l'électricien", flags: [] },
  { text: "je ne suis pas à la rue mais je cherche un logement plus grand", flags: [] },
  { text: "je n'ai jamais été expulsé, c'est une erreur dans mon dossier", flags: [] },
  { text: "pas de violence, juste des disputes de voisinage pour le bruit", flags: [] },
  { text: "le feu d'artifice du 14 juillet a fait peur au chien", flags: [] },
  { text: "quel est le montant de la prime d'activité pour un couple avec 2 enfants ?", flags: [] },
  { text: "mes enfants sont partis en vacances chez leur père, dois-je le déclarer à la CAF ?", flags: [] },
  { text: "ma fille est malade et je ne pourrai pas venir au rendez-vous de mardi", flags: [] },
  { text: "j'étais hospitalisé le mois dernier donc j'ai payé le loyer en retard", flags: [] },
  {
    text: "j'ai déjà signalé une fuite d'eau en 2019 qui avait été réparée, je voudrais le rapport pour l'assurance",
    flags: [],
  },
  { text: "attestation d'assurance habitation dégât des eaux à fournir pour le renouvellement", flags: [] },
  { text: "ma voisine âgée est très gentille, elle arrose mes plantes", flags: [] },
  { text: "le gaz est inclus dans les charges ?", flags: [] },
  { text: "comment résilier mon contrat de gaz avant le déménagement", flags: [] },
  { text: "je voudrais un devis pour repeindre la chambre des enfants", flags: [] },
  { text: "la violence des orages de la semaine dernière a abîmé la gouttière", flags: [] },
  { text: "mon dossier de logement a été classé sans suite, pourquoi ?", flags: [] },
  { text: "Bjr jvoudrai savoir ou en est ma demande de logement svp", flags: [] },
  { text: "jsuis a la recherche d'un garage a louer", flags: [] },
  { text: "Peut-on avoir un rendez-vous avec l'assistante sociale pour le dossier FSL ?", flags: [] },
  { text: "plus de 3 mois que j'attends ma réponse pour le logement", flags: [] },
  { text: "pas de chauffage dans le local poubelle, est ce normal?", flags: [] },
  { text: "le chauffage sera coupé le 15 mai comme chaque année ?", flags: [] },
  { text: "Ma chaudière fait un bruit bizarre mais elle fonctionne", flags: [] },
  { text: "le radiateur de la chambre chauffe un peu moins que les autres", flags: [] },
  { text: "l'ascenseur est en panne depuis ce matin", flags: [] },
  { text: "Bonjour, je souhaite déclarer la naissance de mon bébé", flags: [] },
  { text: "mon fils va entrer en crèche, faut-il modifier mes droits ?", flags: [] },
  { text: "changement de situation : je suis maintenant seule avec mes 3 enfants", flags: [] },
  { text: "je suis enceinte, quels sont mes droits à la PAJE ?", flags: [] },
  { text: "les enfants du 3e jouent au ballon dans le hall et font du bruit", flags: [] },
  { text: "le gardien n'a pas sorti les poubelles", flags: [] },
  { text: "la porte du parking ne ferme plus", flags: [] },
  { text: "je n'ai plus d'accès à mon espace allocataire", flags: [] },
  { text: "je n'ai plus de nouvelles de ma demande de mutation", flags: [] },
  { text: "Ce n'est pas urgent, mais le robinet de la cuisine goutte un peu", flags: [] },
  { text: "pas urgent : petite fuite au robinet du lavabo, quand vous aurez le temps", flags: [] },
  { text: "est ce que je peux payer mon loyer en 3 fois ce mois ci", flags: [] },
  { text: "j'ai perdu mon emploi, est ce que mes APL vont augmenter ?", flags: [] },
  { text: "je ne suis pas en danger, je voulais juste signaler un changement d'adresse", flags: [] },
  { text: "les pompiers sont passés pour l'exercice d'évacuation annuel", flags: [] },
  { text: "exercice incendie prévu dans la résidence le 3 avril ?", flags: [] },
  { text: "mon détecteur de fumée bipe, il faut changer la pile", flags: [] },
  { text: "plus de chauffage que nécessaire dans les parties communes, c'est du gaspillage", flags: [] },
  { text: "le chauffage n'est pas en panne, c'est le thermostat qui est mal réglé", flags: [] },
  { text: "rien d'urgent, je voudrais juste une copie du bail", flags: [] },
  { text: "ma demande de prime de déménagement est elle acceptée ?", flags: [] },
  {
    text: "Est-il possible d'installer une barre d'appui dans la douche pour ma mère de 80 ans qui vient souvent ?",
    flags: [],
  },
  { text: "je vais à la rue de Metz pour le rendez-vous à l'agence ?", flags: [] },
  { text: "l'agence de la rue des Lilas est-elle ouverte pendant le confinement ?", flags: [] },
  { text: "vous pouvez passer à la rue du Moulin pour récupérer les clés", flags: [] },
  { text: "j'ai été frappé par le montant de la régularisation", flags: [] },
  { text: "le chien du voisin aboie toute la journée", flags: [] },
  { text: "je souhaite résilier mon bail au 30 juin", flags: [] },
  { text: "demande de badge supplémentaire pour mon fils", flags: [] },
  { text: "le courrier de la CAF dit que mon dossier est incomplet", flags: [] },
  { text: "mon bébé est né le 3 mars, que dois je envoyer ?", flags: [] },
  { text: "mes enfants restent seuls 1h après l'école, y a-t-il une aide pour la garde ?", flags: [] },
  { text: "pas de gaz dans mon logement, tout est électrique, pourquoi des charges de gaz ?", flags: [] },
  { text: "la lumière du couloir reste allumée toute la nuit", flags: [] },
  { text: "le digicode ne marche plus", flags: [] },
  { text: "Bonjour, mon ex-mari ne paie plus la pension alimentaire", flags: [] },
  { text: "ma mère qui vit seule a bien reçu votre appel, merci", flags: [] },
  { text: "jai bien recu le cheque merci", flags: [] },
  { text: "le compteur d'eau a été changé, la facture est-elle ajustée ?", flags: [] },
  { text: "Y a-t-il un risque de coupure d'électricité pendant les travaux ?", flags: [] },
  { text: "Jai plus besoin du rendez-vous, c'est réglé", flags: [] },
  { text: "plus de problème de fuite depuis que le plombier est passé", flags: [] },
  { text: "je ne sens plus l'odeur de gaz depuis que GRDF est passé", flags: [] },
  { text: "mon fils a eu 18 ans, doit-il faire sa propre demande d'APL ?", flags: [] },
  { text: "quand est-ce que le chauffage sera rallumé à l'automne ?", flags: [] },
  { text: "les travaux de la rue de la République font trembler les vitres", flags: [] },
  { text: "je voudrais un logement plus proche de l'école de mes enfants", flags: [] },
  { text: "Problème de connexion à mon compte, je ne peux plus déclarer mes ressources", flags: [] },
  { text: "La fuite de données de votre site m'inquiète, mon adresse mail a fuité ?", flags: [] },
  { text: "chaudiere entretenue hier par le technicien, tout fonctionne", flags: [] },
  { text: "pas d'urgence, la poignée de la fenêtre est cassée", flags: [] },
  { text: "mon voisin de 90 ans m'a demandé de vous transmettre son RIB", flags: [] },
  { text: "ma grand-mère de 85 ans voudrait un logement en rez-de-chaussée plus tard", flags: [] },
  { text: "je suis à la rue Pasteur pour le rdv de 14h, c'est bien là ?", flags: [] },
  { text: "Mes enfants ont froid le matin à l'arrêt de bus, pouvez vous mettre un abri ?", flags: [] },
  { text: "ya plus de place au parking visiteurs le soir", flags: [] },
  { text: "la facture d'électricité des parties communes est elle affichée ?", flags: [] },
  { text: "je n'ai pas d'eau chaude dans le contrat ? je ne comprends pas ma quittance", flags: [] },
  { text: "coucou jsuis passé a l'agence mais c'etait fermé, vous ouvrez quand ?", flags: [] },
  { text: "mon mari est parti, je dois changer le nom sur le bail", flags: [] },
  { text: "la chaudière a été réparée hier soir, on a de nouveau du chauffage", flags: [] },
  { text: "pas de souci de chauffage chez nous cet hiver, merci au gardien", flags: [] },
  { text: "les enfants sont sages, on aimerait juste une place en crèche", flags: [] },
  { text: "je voudrais changer ma date de prélèvement du loyer", flags: [] },
  { text: "Mon ex m'a enfin rendu les clés de la cave", flags: [] },
  { text: "le local à vélo est inondé de pubs dans les boîtes aux lettres", flags: [] },
];

// Written after the lexicon and detector existed, without looking at the lexicon, and evaluated once
// as a blind check: never used for tuning.
const fresh: LabelledMessage[] = [
  {
    text: "mon propriétaire a changé les serrures pendant que j'étais au travail, toutes mes affaires sont dedans et je n'ai nulle part où aller ce soir",
    flags: ["homeless"],
  },
  { text: "on nous a mis dehors avec les enfants, on est dans un hall d'immeuble", flags: ["homeless"] },
  { text: "je loge dans un foyer qui ferme demain, après je serai dehors", flags: ["homeless"] },
  { text: "mon copain m'a poussée dans l'escalier hier soir", flags: ["domestic_violence"] },
  { text: "il me dit que si je pars il me tuera", flags: ["domestic_violence"] },
  {
    text: "mon mari me surveille, me prend mon argent et me menace si je parle",
    flags: ["domestic_violence"],
  },
  {
    text: "ma mamie de 93 ans habite seule au 4e, elle n'a plus de chauffage depuis 2 jours",
    flags: ["isolated_vulnerable", "no_utilities"],
  },
  {
    text: "un voisin en fauteuil ne peut plus sortir de chez lui depuis la panne de l'ascenseur, il n'a plus de médicaments",
    flags: ["isolated_vulnerable"],
  },
  { text: "radiateurs glacés dans tout l'appartement, on dort en manteau", flags: ["no_utilities"] },
  {
    text: "on a plus d'électricité depuis ce midi, tout le palier est dans le noir",
    flags: ["no_utilities"],
  },
  { text: "pas une goutte d'eau au robinet depuis hier soir", flags: ["no_utilities"] },
  {
    text: "le plafond de la salle de bain goutte et l'eau coule le long de la prise",
    flags: ["safety_hazard"],
  },
  { text: "il y a une grosse odeur de gaz en bas du bâtiment C", flags: ["safety_hazard"] },
  {
    text: "la fenêtre du 5e est tombée dans la cour, heureusement personne en dessous",
    flags: ["safety_hazard"],
  },
  { text: "mon père ne se réveille pas et respire bizarrement", flags: ["health"] },
  { text: "je n'ai plus de traitement et je fais des crises", flags: ["health"] },
  { text: "ma fille de 3 ans a avalé un produit ménager", flags: ["child_at_risk", "health"] },
  { text: "le petit du 2e est sur le rebord de la fenêtre, personne à la maison", flags: ["child_at_risk"] },
  { text: "mon fils de 15 ans n'est pas rentré depuis deux nuits", flags: ["child_at_risk"] },
  { text: "jsuis enceinte et il m'a frappée au ventre", flags: ["domestic_violence"] },
  { text: "chaudiere morte, il fait 12 dans le logement", flags: ["no_utilities"] },
  { text: "ya le feu chez le voisin du dessous, ya de la fumee partout", flags: ["safety_hazard"] },
  {
    text: "je souhaite savoir si ma fuite de la semaine dernière a bien été déclarée à l'assurance",
    flags: [],
  },
  { text: "le chauffage est trop fort dans ma chambre, on étouffe", flags: [] },
  { text: "bonjour je voudrais signaler que mon mari et moi avons déménagé", flags: [] },
  { text: "ma mère de 75 ans aimerait visiter le logement avec moi samedi", flags: [] },
  { text: "je suis seule depuis le décès de mon mari, dois-je changer le bail ?", flags: [] },
  { text: "j'ai froid aux pieds, le carrelage est glacé, peut-on poser un lino ?", flags: [] },
  { text: "est-ce que l'eau est comprise dans le loyer ?", flags: [] },
  { text: "le gaz sera coupé pour travaux mardi matin selon l'affiche", flags: [] },
  { text: "mes enfants ne veulent plus dormir dans leur chambre à cause du bruit des voisins", flags: [] },
  { text: "pouvez-vous m'envoyer l'échéancier pour rembourser ma dette de loyer", flags: [] },
  { text: "j'ai eu une coupure de courant de 5 minutes hier, tout est revenu", flags: [] },
  { text: "le fils de la voisine joue de la batterie tous les soirs", flags: [] },
  { text: "l'électricien n'est pas venu au rendez-vous de ce matin", flags: [] },
  { text: "ma demande d'allocation logement est bloquée depuis trois mois", flags: [] },
  { text: "rien à signaler, tout va bien dans le logement", flags: [] },
  { text: "je ne trouve plus mon avis d'échéance, pouvez-vous le renvoyer ?", flags: [] },
  { text: "ma voisine âgée m'a dit que vous aviez appelé, elle va bien", flags: [] },
  { text: "nous n'avons pas eu de problème d'eau chaude ce mois-ci", flags: [] },
  { text: "la porte du hall claque avec le vent", flags: [] },
  { text: "je voudrais l'adresse de la maison de la solidarité la plus proche", flags: [] },
  { text: "la peinture du couloir s'écaille", flags: [] },
];

// A second blind batch, written after the first blind batch showed poor recall and BEFORE the
// lexicon was broadened with general vocabulary; evaluated once, never used for tuning.
const fresh2: LabelledMessage[] = [
  {
    text: "Madame X, 84 ans, ne répond ni à la porte ni au téléphone depuis vendredi, ses volets restent fermés",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "mon ex est devant ma porte et hurle qu'il va tout casser, j'ai peur pour moi et ma fille",
    flags: ["domestic_violence", "child_at_risk"],
  },
  { text: "je me suis fait virer de chez mes parents, je dors dans un parc", flags: ["homeless"] },
  { text: "aucun chauffage depuis la panne de samedi, thermomètre à 13 degrés", flags: ["no_utilities"] },
  { text: "l'eau chaude ne coule plus depuis le week-end", flags: ["no_utilities"] },
  { text: "fuite importante sur la colonne d'eau, le couloir est inondé", flags: ["safety_hazard"] },
  { text: "odeur de brûlé et étincelles au niveau du compteur", flags: ["safety_hazard"] },
  { text: "mon voisin est tombé dans l'escalier, il saigne de la tête", flags: ["health"] },
  { text: "ma femme a fait une overdose de médicaments, les secours arrivent", flags: ["health"] },
  {
    text: "mes enfants sont restés seuls toute la nuit, leur mère n'est pas rentrée",
    flags: ["child_at_risk"],
  },
  {
    text: "le bébé de la voisine pleure depuis des heures et personne ne répond",
    flags: ["child_at_risk"],
  },
  { text: "il a levé la main sur moi encore une fois", flags: ["domestic_violence"] },
  { text: "jpeux plu rentrer chez moi mon mari ma menacé", flags: ["domestic_violence"] },
  { text: "expulsé du foyer ce matin avec ma valise, jsais pas ou dormir", flags: ["homeless"] },
  {
    text: "coupure totale d'électricité dans la résidence, l'ascenseur est bloqué avec une dame dedans",
    flags: ["no_utilities", "safety_hazard"],
  },
  {
    text: "le compteur a été coupé par le fournisseur pour impayé, j'ai un enfant de 6 mois",
    flags: ["no_utilities", "child_at_risk"],
  },
  {
    text: "le mur de la cuisine est fissuré et se décolle, des pierres tombent",
    flags: ["safety_hazard"],
  },
  {
    text: "je suis paraplégique, seul, et mon auxiliaire de vie est malade",
    flags: ["isolated_vulnerable"],
  },
  {
    text: "mon frère menace de se suicider, il est enfermé dans la salle de bain",
    flags: ["health"],
  },
  { text: "jai plus de chauffage et jsuis malade avec de la fièvre", flags: ["no_utilities"] },
  { text: "est-il possible de payer le loyer par carte bancaire ?", flags: [] },
  { text: "merci de m'envoyer le formulaire de demande de mutation", flags: [] },
  { text: "le chauffage a été rallumé, tout va bien maintenant", flags: [] },
  { text: "je n'ai plus de fuite depuis l'intervention, merci", flags: [] },
  { text: "ma mère de 88 ans a bien été relogée, merci pour votre aide", flags: [] },
  { text: "j'ai perdu ma carte vitale, qui dois-je contacter ?", flags: [] },
  { text: "pas d'inquiétude, la fuite venait de la machine et c'est réglé", flags: [] },
  { text: "mon fils a des difficultés à l'école, y a-t-il une aide aux devoirs ?", flags: [] },
  { text: "nous partons en vacances, faut-il couper l'eau ?", flags: [] },
  { text: "la CAF m'a demandé un justificatif de séparation", flags: [] },
  { text: "j'aimerais savoir pourquoi mon APL a baissé ce mois-ci", flags: [] },
  { text: "le thermostat affiche 19 degrés, est-ce la température réglementaire ?", flags: [] },
  { text: "notre voisin de palier fait beaucoup de bruit la nuit", flags: [] },
  { text: "demande de place de parking pour personne handicapée", flags: [] },
  { text: "je voudrais inscrire ma fille à la crèche municipale", flags: [] },
  { text: "le concierge peut-il m'ouvrir la cave samedi ?", flags: [] },
  { text: "mon mari est hospitalisé, je voudrais un délai pour le loyer", flags: [] },
  { text: "ne vous inquiétez pas, l'odeur de gaz venait d'une casserole oubliée", flags: [] },
  { text: "bonjour, quand sera faite la réparation de l'interphone ?", flags: [] },
  { text: "c'est pas grave mais la lumière de la cave ne marche plus", flags: [] },
];

export type Split = "dev" | "holdout" | "fresh" | "fresh2";

/** Every message with its split: index % 4 === 3 is hold-out, `fresh` is the blind batch (see above). */
export const testSet: readonly (LabelledMessage & { split: Split })[] = [
  ...[...urgent, ...notUrgent].map((m, i) => ({
    ...m,
    split: i % 4 === 3 ? ("holdout" as const) : ("dev" as const),
  })),
  ...fresh.map((m) => ({ ...m, split: "fresh" as const })),
  ...fresh2.map((m) => ({ ...m, split: "fresh2" as const })),
];
