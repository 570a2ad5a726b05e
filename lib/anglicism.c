/* anglicism: the table of English words and their French terms
 * (anglicism.h). Each entry is general usage, written from the terms the
 * Commission d'enrichissement de la langue française recommends
 * (FranceTerme: « courriel », « pourriel », « téléverser », « infolettre »)
 * and from what French offices, associations and training write for the
 * English word a visitor types, not from any judged query. The English
 * word is matched as spelt, accents aside, with or without a final s
 * (synonyms_literal): « poste » typed is not « post », whose stem it
 * shares. It leads to the French terms, not the reverse: a page that writes
 * « réunion » is what « meeting » looks for, while « réunion » typed has
 * its own word in every French page. An English word that the site's
 * synonyms file, an acronym the documents define or an abbreviation
 * (abbrev.h) already gives a meaning keeps that meaning alone: « SCAN »
 * defined by a page is its acronym, not « numérisation ». Entries
 * measured and left out are listed in docs/ANALYSIS.md. */
#include "anglicism.h"

#define ANGLICISM_MAX_FRENCH 3

typedef struct {
    const char *english;                      /* as visitors type it */
    const char *french[ANGLICISM_MAX_FRENCH]; /* as French pages write it, NULL-ended */
} anglicism_entry_t;

static const anglicism_entry_t anglicism_table[] = {
    /* Mail and messaging. « mél » is the French abbreviation of
     * « messagerie électronique », written on letterheads. */
    {"mail", {"courriel", "courrier électronique", NULL}},
    {"email", {"courriel", "courrier électronique", NULL}},
    {"e-mail", {"courriel", "courrier électronique", NULL}},
    {"mél", {"courriel", "courrier électronique", NULL}},
    {"newsletter", {"lettre d'information", "infolettre", "bulletin d'information"}},
    {"mailing", {"publipostage", NULL, NULL}},
    {"mailing list", {"liste de diffusion", NULL, NULL}},
    {"spam", {"pourriel", "courrier indésirable", NULL}},
    {"chat", {"messagerie instantanée", "dialogue en ligne", "clavardage"}},
    {"tchat", {"messagerie instantanée", "dialogue en ligne", "clavardage"}},
    {"hotline", {"assistance téléphonique", "ligne d'assistance", "permanence téléphonique"}},
    {"helpdesk", {"assistance", "centre d'assistance", NULL}},
    /* Accounts and security. */
    {"password", {"mot de passe", NULL, NULL}},
    {"login", {"identifiant", "connexion", NULL}},
    {"cookie", {"témoin de connexion", NULL, NULL}},
    {"phishing", {"hameçonnage", NULL, NULL}},
    {"hacking", {"piratage", NULL, NULL}},
    {"malware", {"logiciel malveillant", "maliciel", NULL}},
    {"firewall", {"pare-feu", NULL, NULL}},
    /* Software: getting, keeping and mending it. */
    {"software", {"logiciel", NULL, NULL}},
    {"open source", {"logiciel libre", "code source ouvert", NULL}},
    {"download", {"télécharger", "téléchargement", NULL}},
    {"upload", {"téléverser", "téléversement", "mettre en ligne"}},
    {"update", {"mise à jour", NULL, NULL}},
    {"upgrade", {"mise à niveau", NULL, NULL}},
    {"patch", {"correctif", NULL, NULL}},
    {"bug", {"bogue", NULL, NULL}},
    {"debug", {"déboguer", "débogage", NULL}},
    {"backup", {"sauvegarde", NULL, NULL}},
    {"reset", {"réinitialiser", "réinitialisation", NULL}},
    {"reboot", {"redémarrer", "redémarrage", NULL}},
    {"setup", {"installation", "configuration", NULL}},
    {"settings", {"paramètres", "réglages", NULL}},
    {"plugin", {"extension", "module d'extension", "greffon"}},
    {"plug-in", {"extension", "module d'extension", "greffon"}},
    {"add-on", {"extension", "module complémentaire", NULL}},
    {"driver", {"pilote", NULL, NULL}},
    {"package", {"paquet", NULL, NULL}},
    {"release", {"version", "publication", NULL}},
    {"feature", {"fonctionnalité", NULL, NULL}},
    {"log", {"journal", NULL, NULL}},
    {"sync", {"synchronisation", "synchroniser", NULL}},
    /* On screen: windows, files, pointing. */
    {"desktop", {"bureau", "ordinateur de bureau", NULL}},
    {"laptop", {"ordinateur portable", NULL, NULL}},
    {"smartphone", {"téléphone portable", "téléphone mobile", "téléphone intelligent"}},
    {"screenshot", {"capture d'écran", NULL, NULL}},
    {"scanner", {"numériser", "numériseur", NULL}},
    {"scan", {"numérisation", "numériser", NULL}},
    {"popup", {"fenêtre contextuelle", "fenêtre surgissante", NULL}},
    {"pop-up", {"fenêtre contextuelle", "fenêtre surgissante", NULL}},
    {"slide", {"diapositive", NULL, NULL}},
    {"slideshow", {"diaporama", NULL, NULL}},
    {"template", {"modèle", "gabarit", NULL}},
    {"dashboard", {"tableau de bord", NULL, NULL}},
    /* The web and social networks. */
    {"online", {"en ligne", NULL, NULL}},
    {"offline", {"hors ligne", "hors connexion", NULL}},
    {"cloud", {"nuage", "informatique en nuage", NULL}},
    {"data", {"données", NULL, NULL}},
    {"open data", {"données ouvertes", NULL, NULL}},
    {"post", {"publication", "billet", NULL}},
    {"blog", {"blogue", "carnet en ligne", NULL}},
    {"tag", {"étiquette", "balise", NULL}},
    {"hashtag", {"mot-dièse", NULL, NULL}},
    {"podcast", {"balado", "baladodiffusion", NULL}},
    {"streaming", {"diffusion en continu", "diffusion en flux", NULL}},
    {"replay", {"rediffusion", NULL, NULL}},
    {"webinar", {"webinaire", "séminaire en ligne", NULL}},
    {"fake news", {"infox", "fausse information", "fausses nouvelles"}},
    /* Office work and meetings. */
    {"meeting", {"réunion", NULL, NULL}},
    {"briefing", {"réunion d'information", "réunion préparatoire", NULL}},
    {"debriefing", {"bilan", "compte rendu", "retour d'expérience"}},
    {"kick-off", {"réunion de lancement", "lancement", NULL}},
    {"brainstorming", {"remue-méninges", NULL, NULL}},
    {"feedback", {"retour", "retour d'expérience", "avis"}},
    {"follow-up", {"suivi", NULL, NULL}},
    {"reporting", {"rapport", "compte rendu", NULL}},
    {"planning", {"planification", "calendrier", "emploi du temps"}},
    {"deadline", {"échéance", "date limite", NULL}},
    {"checklist", {"liste de contrôle", "liste de vérification", "aide-mémoire"}},
    {"check-list", {"liste de contrôle", "liste de vérification", "aide-mémoire"}},
    {"roadmap", {"feuille de route", NULL, NULL}},
    {"workflow", {"flux de travail", "circuit de validation", NULL}},
    {"process", {"processus", "procédure", NULL}},
    {"best practice", {"bonnes pratiques", NULL, NULL}},
    {"benchmark", {"étude comparative", "étalonnage", "référenciation"}},
    {"challenge", {"défi", NULL, NULL}},
    {"team", {"équipe", NULL, NULL}},
    {"staff", {"personnel", "équipe", NULL}},
    {"board", {"conseil d'administration", NULL, NULL}},
    /* Not « management »: it stems as « manager » does, and the first
     * group of a stem is the one an equivalent table keeps
     * (synonyms_equate). */
    {"manager", {"responsable", "gestionnaire", "encadrant"}},
    {"leader", {"responsable", "chef de file", "dirigeant"}},
    {"leadership", {"direction", NULL, NULL}},
    {"job", {"emploi", "poste", NULL}},
    {"freelance", {"indépendant", "travailleur indépendant", NULL}},
    {"open space", {"bureau paysager", "espace ouvert", NULL}},
    {"coworking", {"cotravail", "espace de travail partagé", NULL}},
    {"start-up", {"jeune pousse", "jeune entreprise", NULL}},
    {"startup", {"jeune pousse", "jeune entreprise", NULL}},
    {"turnover", {"rotation du personnel", NULL, NULL}},
    {"turn-over", {"rotation du personnel", NULL, NULL}},
    {"burn-out", {"épuisement professionnel", NULL, NULL}},
    {"burnout", {"épuisement professionnel", NULL, NULL}},
    {"flyer", {"prospectus", "dépliant", "tract"}},
    {"marketing", {"mercatique", NULL, NULL}},
    /* Training. */
    {"training", {"formation", NULL, NULL}},
    {"workshop", {"atelier", NULL, NULL}},
    {"e-learning", {"formation en ligne", "apprentissage en ligne", NULL}},
    {"coaching", {"accompagnement", NULL, NULL}},
    {"coach", {"accompagnateur", "entraîneur", NULL}},
    {"mentoring", {"mentorat", "tutorat", NULL}},
    {"onboarding", {"intégration", "accueil", NULL}},
    {"soft skills", {"savoir-être", "compétences comportementales", NULL}},
    {"tips", {"astuces", "conseils", NULL}},
    /* Associations and social work. */
    {"fundraising", {"collecte de fonds", NULL, NULL}},
    {"crowdfunding", {"financement participatif", NULL, NULL}},
    {"sponsor", {"parrain", "mécène", "commanditaire"}},
    {"sponsoring", {"parrainage", "mécénat", NULL}},
    {"networking", {"réseautage", NULL, NULL}},
    {"lobbying", {"représentation d'intérêts", NULL, NULL}},
    {"advocacy", {"plaidoyer", NULL, NULL}},
    {"empowerment", {"autonomisation", "pouvoir d'agir", NULL}},
    {"task force", {"groupe de travail", "cellule", NULL}},
    {"focus group", {"groupe de discussion", NULL, NULL}},
    {"housing first", {"logement d'abord", NULL, NULL}},
    {"grooming", {"pédopiégeage", NULL, NULL}},
    /* Programming and office software (session 19, written from general
     * knowledge before measuring, each measured alone on the fifteen
     * sets: docs/ANALYSIS.md). Only words with no other reading in
     * documents: not a French word (« file », « sort », « font »,
     * « close », « string »), nor a command, keyword, type or function of
     * that name (« print », « open », « split », « array », « loop »,
     * « integer », « timer », « beep », « search » of apt, « query » of
     * dpkg-query…), nor a word of two senses (« thread »). */
    {"substring", {"sous-chaîne", NULL, NULL}},
    {"folder", {"dossier", "répertoire", NULL}},
    {"directory", {"répertoire", "dossier", NULL}},
    {"debugger", {"débogueur", NULL, NULL}},
    {"breakpoint", {"point d'arrêt", NULL, NULL}},
    {"uppercase", {"majuscule", NULL, NULL}},
    {"lowercase", {"minuscule", NULL, NULL}},
    {"length", {"longueur", NULL, NULL}},
    {"size", {"taille", NULL, NULL}},
    {"shortcut", {"raccourci", NULL, NULL}},
    {"callback", {"fonction de rappel", NULL, NULL}},
    {"library", {"bibliothèque", NULL, NULL}},
    {"event", {"événement", NULL, NULL}},
    {"handler", {"gestionnaire", NULL, NULL}},
    {"tooltip", {"info-bulle", NULL, NULL}},
    {"toolbar", {"barre d'outils", NULL, NULL}},
    {"checkbox", {"case à cocher", NULL, NULL}},
    {"dropdown", {"liste déroulante", NULL, NULL}},
    {"wizard", {"assistant", NULL, NULL}},
    {"browser", {"navigateur", NULL, NULL}},
    {"username", {"nom d'utilisateur", NULL, NULL}},
    {"keyboard", {"clavier", NULL, NULL}},
    {"undo", {"annuler", NULL, NULL}},
    {"redo", {"rétablir", NULL, NULL}},
    {"layout", {"mise en page", NULL, NULL}},
    {"header", {"en-tête", NULL, NULL}},
    {"footer", {"pied de page", NULL, NULL}},
    {"spreadsheet", {"tableur", "feuille de calcul", NULL}},
    {"database", {"base de données", NULL, NULL}},
    {"chart", {"diagramme", "graphique", NULL}},
    {"framework", {"cadriciel", NULL, NULL}},
    {"runtime", {"environnement d'exécution", NULL, NULL}},
    {"workspace", {"espace de travail", NULL, NULL}},
    {"save", {"enregistrer", "sauvegarder", NULL}},
    {"newline", {"saut de ligne", "retour à la ligne", NULL}},
    {"highlight", {"surligner", "mettre en évidence", NULL}},
    {"bookmark", {"signet", "marque-page", NULL}},
    {"spellcheck", {"vérification orthographique", "correcteur orthographique", NULL}},
    {"snapshot", {"instantané", NULL, NULL}},
    {"scroll", {"défiler", "défilement", NULL}},
    {"drag and drop", {"glisser-déposer", NULL, NULL}},
    {"click", {"cliquer", "clic", NULL}},
    {"double-click", {"double-cliquer", "double-clic", NULL}},
    /* Science and engineering (session 21, written from general
     * knowledge before measuring; docs/ANALYSIS.md): the English terms of
     * mathematics, signals, circuits and data structures that French
     * documentation translates. Not « derivative » (Snowball stems it as
     * « dérivée »), nor « plot », « sparse », « random », « floor »,
     * « switch » (commands, functions, keywords of that name). */
    {"standard deviation", {"écart type", NULL, NULL}},
    {"eigenvalue", {"valeur propre", NULL, NULL}},
    {"eigenvector", {"vecteur propre", NULL, NULL}},
    {"square root", {"racine carrée", NULL, NULL}},
    {"dot product", {"produit scalaire", NULL, NULL}},
    {"cross product", {"produit vectoriel", NULL, NULL}},
    {"curve fitting", {"ajustement de courbe", "régression", NULL}},
    {"fitting", {"ajustement", NULL, NULL}},
    {"ground", {"masse", "terre", NULL}},
    {"capacitor", {"condensateur", "capacité", NULL}},
    {"inductor", {"bobine", "inductance", NULL}},
    {"resistor", {"résistance", NULL, NULL}},
    {"flip-flop", {"bascule", NULL, NULL}},
    {"shift register", {"registre à décalage", NULL, NULL}},
    {"clock", {"horloge", NULL, NULL}},
    {"sampling", {"échantillonnage", NULL, NULL}},
    {"timestamp", {"horodatage", NULL, NULL}},
    {"fuel", {"fioul", NULL, NULL}},
    {"gasoil", {"gazole", NULL, NULL}},
    {"pie chart", {"diagramme circulaire", "camembert", NULL}},
    {"bar chart", {"diagramme à barres", "histogramme", NULL}},
    {"scatter plot", {"nuage de points", NULL, NULL}},
    {"matrix", {"matrice", NULL, NULL}},
    {"duplicate", {"doublon", "en double", NULL}},
    {"seed", {"germe", "graine", NULL}},
    {"byte", {"octet", NULL, NULL}},
    {"stack", {"pile", NULL, NULL}},
    {"heap", {"tas", NULL, NULL}},
    {"buffer", {"tampon", "mémoire tampon", NULL}},
    {"hash", {"hachage", NULL, NULL}},
    {"parser", {"analyseur syntaxique", NULL, NULL}},
    {"parsing", {"analyse syntaxique", NULL, NULL}},
    {"token", {"jeton", NULL, NULL}},
    {"wildcard", {"caractère générique", "joker", NULL}},
    {"timeout", {"délai d'attente", "expiration", NULL}},
    {"deprecated", {"obsolète", NULL, NULL}},
    {"overflow", {"dépassement", NULL, NULL}},
    {"rounding", {"arrondi", NULL, NULL}},
    {"solver", {"solveur", NULL, NULL}},
    {"sample rate", {"fréquence d'échantillonnage", NULL, NULL}},
    {"step response", {"réponse indicielle", NULL, NULL}},
    {"transfer function", {"fonction de transfert", NULL, NULL}},
    {"state space", {"espace d'état", NULL, NULL}},
    {"zero crossing", {"passage par zéro", NULL, NULL}},
    {"lookup table", {"table de correspondance", NULL, NULL}},
    {"sawtooth", {"dent de scie", NULL, NULL}},
    {"square wave", {"signal carré", "créneau", NULL}},
    {"sine wave", {"sinusoïde", NULL, NULL}},
    {"white noise", {"bruit blanc", NULL, NULL}},
    {"low-pass", {"passe-bas", NULL, NULL}},
    {"high-pass", {"passe-haut", NULL, NULL}},
    {"bandwidth", {"bande passante", NULL, NULL}},
    {"voltage", {"tension", NULL, NULL}},
    {"power supply", {"alimentation", NULL, NULL}},
    {"op-amp", {"amplificateur opérationnel", NULL, NULL}},
    {"counter", {"compteur", NULL, NULL}},
};

size_t anglicism_count(void)
{
    return sizeof anglicism_table / sizeof anglicism_table[0];
}

const char *anglicism_entry(size_t i, const char *const **french, size_t *nfrench)
{
    if (i >= anglicism_count())
        return NULL;
    const anglicism_entry_t *e = &anglicism_table[i];
    *french = e->french;
    *nfrench = synonyms_row_len(e->french, ANGLICISM_MAX_FRENCH);
    return e->english;
}

size_t anglicism_add(synonyms *s)
{
    size_t added = 0;
    for (size_t i = 0; i < anglicism_count(); i++) {
        const char *words[1 + ANGLICISM_MAX_FRENCH];
        size_t n = synonyms_row(anglicism_table[i].english, anglicism_table[i].french,
                                ANGLICISM_MAX_FRENCH, words);
        if (!synonyms_defines(s, words[0]))
            added += (size_t)synonyms_equate(s, words, n, 1);
    }
    return added;
}
