/* abbrev: the table of everyday French abbreviations (abbrev.h). Each
 * entry is general usage, written from what people type in a search box
 * and what documentation spells out, not from any judged query. Entries
 * measured and left out are listed in docs/ANALYSIS.md. */
#include "abbrev.h"

/* Computing and office words, typography, meetings and administration,
 * social work, and (since session 22) the national administration's
 * acronyms (ASE, MNA, CAF…), one way: a site's synonyms file that defines
 * one keeps its own meaning, and the documents that define them teach the
 * rest (acronym.h). What the entries reach counts as the words typed
 * (rank.c): an abbreviation is the same word. */

/* Both ways: the long form typed also reaches the abbreviation. One way:
 * only the abbreviation reaches the long forms, because the abbreviation
 * has another common reading in documents (a word, a key, a unit, a
 * command, a file name's extension: « touche Maj », « 20 ms », « os »,
 * « /etc/apt.conf »), where the long form typed must not find it; or
 * because its long forms are not equivalents of each other (« admin »:
 * administrateur, administration). Two letters (not a figure and a
 * letter: « 3d ») are always one way: such tokens are codes, units and
 * commands in many pages. */
enum { ABBREV_BOTH = 0, ABBREV_ONEWAY = 1 };

/* Rows: the abbreviation as people type it, its long forms as
 * documentation writes them, ABBREV_ONEWAY or ABBREV_BOTH. */
static const synonyms_equal_row abbrev_table[] = {
    /* Computing: accounts, data and settings. « mdp » and « bdd » are one
     * way after measuring (docs/ANALYSIS.md): both ways, « mot de passe »
     * or « base de données » typed becomes one synonym clause, its words
     * scattered over a page at half weight (rank.c); that reordered the
     * account pages of four queries on three development sets, and made
     * « base de données » 4.5 times as long to rank on the scale corpus,
     * where it is everywhere and « bdd » nowhere. */
    {"mdp", {"mot de passe", NULL, NULL}, ABBREV_ONEWAY},
    {"bdd", {"base de données", NULL, NULL}, ABBREV_ONEWAY},
    {"sgbd", {"système de gestion de base de données", NULL, NULL}, ABBREV_BOTH},
    /* « Maj » is also the Shift key of every keyboard shortcut. */
    {"maj", {"mise à jour", NULL, NULL}, ABBREV_ONEWAY},
    {"config", {"configuration", NULL, NULL}, ABBREV_BOTH},
    /* « .conf » ends configuration files' names; « conf » is also a
     * « conférence ». */
    {"conf", {"configuration", "conférence", NULL}, ABBREV_ONEWAY},
    {"param", {"paramètre", NULL, NULL}, ABBREV_ONEWAY},
    {"prefs", {"préférences", NULL, NULL}, ABBREV_ONEWAY},
    /* An identifier is « id » in forms; id(1) is also a command. */
    {"id", {"identifiant", NULL, NULL}, ABBREV_ONEWAY},
    {"pj", {"pièce jointe", NULL, NULL}, ABBREV_ONEWAY},
    {"msg", {"message", NULL, NULL}, ABBREV_ONEWAY},
    {"synchro", {"synchronisation", NULL, NULL}, ABBREV_BOTH},
    {"périph", {"périphérique", NULL, NULL}, ABBREV_BOTH},
    {"tuto", {"tutoriel", NULL, NULL}, ABBREV_BOTH},
    {"repo", {"dépôt", NULL, NULL}, ABBREV_ONEWAY},
    {"sélec", {"sélection", NULL, NULL}, ABBREV_BOTH},
    {"fct", {"fonction", NULL, NULL}, ABBREV_BOTH},
    {"coeff", {"coefficient", NULL, NULL}, ABBREV_BOTH},
    /* « prog »: a programme or programming, not equivalents. */
    {"prog", {"programme", "programmation", NULL}, ABBREV_ONEWAY},
    /* Typography and dictionaries. « réf » is also a git ref; « référence »
     * stems as « référent », which social workers also call « réf ». */
    {"réf", {"référence", NULL, NULL}, ABBREV_ONEWAY},
    {"chap", {"chapitre", NULL, NULL}, ABBREV_BOTH},
    {"abrév", {"abréviation", NULL, NULL}, ABBREV_BOTH},
    /* « trad » is also traditional music. */
    {"trad", {"traduction", NULL, NULL}, ABBREV_ONEWAY},
    /* Clipped nouns of everyday speech: documentation writes them whole. */
    {"appli", {"application", NULL, NULL}, ABBREV_BOTH},
    {"app", {"application", NULL, NULL}, ABBREV_ONEWAY},
    {"ordi", {"ordinateur", NULL, NULL}, ABBREV_BOTH},
    {"diapo", {"diapositive", NULL, NULL}, ABBREV_BOTH},
    {"dico", {"dictionnaire", NULL, NULL}, ABBREV_BOTH},
    {"pbm", {"problème", NULL, NULL}, ABBREV_BOTH},
    {"anniv", {"anniversaire", NULL, NULL}, ABBREV_BOTH},
    {"promo", {"promotion", NULL, NULL}, ABBREV_BOTH},
    {"labo", {"laboratoire", NULL, NULL}, ABBREV_BOTH},
    {"frigo", {"réfrigérateur", NULL, NULL}, ABBREV_BOTH},
    {"immo", {"immobilier", NULL, NULL}, ABBREV_BOTH},
    {"proprio", {"propriétaire", NULL, NULL}, ABBREV_BOTH},
    /* Software words typed in English letters where French documentation
     * writes the French term. « ms » is also milliseconds, « os » a bone,
     * « ide » an « infirmier diplômé d'État » in health and social pages
     * (a file or a document that defines it so keeps that meaning). */
    {"ms", {"microsoft", NULL, NULL}, ABBREV_ONEWAY},
    {"os", {"système d'exploitation", NULL, NULL}, ABBREV_ONEWAY},
    {"ide", {"edi", "environnement de développement intégré", NULL}, ABBREV_ONEWAY},
    {"gui", {"interface graphique", NULL, NULL}, ABBREV_ONEWAY},
    {"cli", {"ligne de commande", NULL, NULL}, ABBREV_ONEWAY},
    {"ui", {"interface utilisateur", NULL, NULL}, ABBREV_ONEWAY},
    {"vm", {"machine virtuelle", NULL, NULL}, ABBREV_ONEWAY},
    {"2d", {"deux dimensions", NULL, NULL}, ABBREV_BOTH},
    {"3d", {"trois dimensions", NULL, NULL}, ABBREV_BOTH},
    /* Office and meetings. */
    {"faq", {"foire aux questions", "questions fréquentes", NULL}, ABBREV_BOTH},
    {"rdv", {"rendez-vous", NULL, NULL}, ABBREV_BOTH},
    /* Not « tél »: an abbreviation is matched as spelt, accents aside
     * (synonyms_literal), and « tel » is a word (« tel que »). */
    /* « N.B. » (nota bene) joins to « nb ». */
    {"nb", {"nombre", NULL, NULL}, ABBREV_ONEWAY},
    {"qté", {"quantité", NULL, NULL}, ABBREV_BOTH},
    {"réu", {"réunion", NULL, NULL}, ABBREV_BOTH},
    {"odj", {"ordre du jour", NULL, NULL}, ABBREV_BOTH},
    /* « CR » is also a carriage return, « PV » a Debian command, « AG » a
     * chemical symbol: two letters. */
    {"cr", {"compte rendu", NULL, NULL}, ABBREV_ONEWAY},
    {"pv", {"procès-verbal", NULL, NULL}, ABBREV_ONEWAY},
    {"ag", {"assemblée générale", NULL, NULL}, ABBREV_ONEWAY},
    {"récap", {"récapitulatif", NULL, NULL}, ABBREV_BOTH},
    /* stat(1) is a command. */
    {"stats", {"statistiques", NULL, NULL}, ABBREV_ONEWAY},
    {"compta", {"comptabilité", NULL, NULL}, ABBREV_BOTH},
    {"admin", {"administrateur", "administration", NULL}, ABBREV_ONEWAY},
    {"hebdo", {"hebdomadaire", NULL, NULL}, ABBREV_BOTH},
    {"pub", {"publicité", NULL, NULL}, ABBREV_ONEWAY},
    {"expo", {"exposition", NULL, NULL}, ABBREV_BOTH},
    {"manif", {"manifestation", NULL, NULL}, ABBREV_BOTH},
    {"dispo", {"disponible", "disponibilité", NULL}, ABBREV_ONEWAY},
    {"perso", {"personnel", NULL, NULL}, ABBREV_ONEWAY},
    {"prof", {"professeur", NULL, NULL}, ABBREV_ONEWAY},
    {"coord", {"coordonnées", "coordination", "coordinateur"}, ABBREV_ONEWAY},
    {"tréso", {"trésorerie", "trésorier", NULL}, ABBREV_ONEWAY},
    {"ttc", {"toutes taxes comprises", NULL, NULL}, ABBREV_BOTH},
    {"tva", {"taxe sur la valeur ajoutée", NULL, NULL}, ABBREV_BOTH},
    /* Associations, administration and social work. */
    {"asso", {"association", NULL, NULL}, ABBREV_BOTH},
    {"assoc", {"association", NULL, NULL}, ABBREV_BOTH},
    {"cv", {"curriculum vitae", NULL, NULL}, ABBREV_ONEWAY},
    {"rh", {"ressources humaines", NULL, NULL}, ABBREV_ONEWAY},
    /* A CDI is also a school's « centre de documentation et
     * d'information ». */
    {"cdi", {"contrat à durée indéterminée", NULL, NULL}, ABBREV_ONEWAY},
    {"cdd", {"contrat à durée déterminée", NULL, NULL}, ABBREV_BOTH},
    {"rib", {"relevé d'identité bancaire", NULL, NULL}, ABBREV_BOTH},
    {"sdf", {"sans domicile fixe", NULL, NULL}, ABBREV_BOTH},
    /* « sécu » is also security. */
    {"sécu", {"sécurité sociale", NULL, NULL}, ABBREV_ONEWAY},
    {"ado", {"adolescent", NULL, NULL}, ABBREV_BOTH},
    {"accomp", {"accompagnement", NULL, NULL}, ABBREV_BOTH},
    {"certif", {"certificat", NULL, NULL}, ABBREV_BOTH},
    {"cni", {"carte nationale d'identité", NULL, NULL}, ABBREV_BOTH},
    {"bénéf", {"bénéficiaire", "bénéfice", NULL}, ABBREV_ONEWAY},
    {"cass", {"cassation", NULL, NULL}, ABBREV_BOTH},
    {"instit", {"instituteur", NULL, NULL}, ABBREV_BOTH},
    {"kiné", {"kinésithérapeute", NULL, NULL}, ABBREV_BOTH},
    {"psy", {"psychologue", "psychiatre", NULL}, ABBREV_ONEWAY},
    {"resto", {"restaurant", NULL, NULL}, ABBREV_BOTH},
    /* Session 35: overseas France. One way: the DOM is also the web's
     * Document Object Model. */
    {"dom", {"outre-mer", "départements d'outre-mer", NULL}, ABBREV_ONEWAY},
    {"drom", {"outre-mer", "départements et régions d'outre-mer", NULL}, ABBREV_ONEWAY},
    /* Not « alloc », « appart », « éduc », « notif », « attest »,
     * « coloc »: Snowball stems them as « allocation », « appartement »,
     * « éducateur », « notification », « attestation », « colocation »
     * already; nor « paramé », which stems as « param », an entry. */
    /* Session 19, written from general usage before measuring (counting
     * and measuring, programming's clipped words), each measured alone on
     * the fifteen sets (docs/ANALYSIS.md). One way: the long form typed
     * does not become a clause with them (« fich », « fonc », « larg » both
     * ways each moved a query down); « nbre » one way (session 18 measured
     * it both ways); « décl » one way (« déclaration » stems as
     * « déclarer »); « tps » one way (TPS, a tax); « équiv » one way
     * (LaTeX's \equiv). Not « temp » (« temps » typed is « temp » with a
     * final s), « lg » (a logarithm), « hex », « init », « attr », « bool »,
     * « sem » (a function, command or type of that name), « prop ». */
    {"carac", {"caractère", "caractéristique", NULL}, ABBREV_ONEWAY},
    {"nbr", {"nombre", NULL, NULL}, ABBREV_ONEWAY},
    {"nbre", {"nombre", NULL, NULL}, ABBREV_ONEWAY},
    {"tps", {"temps", NULL, NULL}, ABBREV_ONEWAY},
    {"pct", {"pourcentage", NULL, NULL}, ABBREV_BOTH},
    {"larg", {"largeur", NULL, NULL}, ABBREV_ONEWAY},
    {"diam", {"diamètre", NULL, NULL}, ABBREV_BOTH},
    {"équiv", {"équivalent", NULL, NULL}, ABBREV_ONEWAY},
    {"arg", {"argument", NULL, NULL}, ABBREV_ONEWAY},
    {"fonc", {"fonction", NULL, NULL}, ABBREV_ONEWAY},
    {"fich", {"fichier", NULL, NULL}, ABBREV_ONEWAY},
    {"décl", {"déclaration", NULL, NULL}, ABBREV_ONEWAY},
    {"chrono", {"chronomètre", "chronologie", NULL}, ABBREV_ONEWAY},
    {"cpt", {"compteur", "compte", NULL}, ABBREV_ONEWAY},
    {"mn", {"minute", NULL, NULL}, ABBREV_ONEWAY},
    /* Session 20, written from general usage before measuring (music,
     * school, health, home and computing's clipped words), each measured
     * alone on the sixteen sets (docs/ANALYSIS.md). One way where the
     * clipping has another reading in documents (« capo »: « da capo »;
     * « mac »: an « adresse MAC »; « micro », « télé »: prefixes; « sax »:
     * an XML parser; « perf »: a command; « maths », « accu », « fréq »,
     * « démo », « prod »: modules, variables, directories; « vibra »: a
     * verb's form; « déco », « réa », « prépa »: other clippings) or the
     * long form has (« partoche »: a disk's « partition »), and where the
     * long forms differ (« fac », « biblio »). Not « bac » (a tray),
     * « typo » (a typing slip), « pro » (« pro forma »), « percu »
     * (« perçu » without its accent), « compil » (Snowball stems it as
     * « compilation »). */
    {"capo", {"capodastre", NULL, NULL}, ABBREV_ONEWAY},
    {"synthé", {"synthétiseur", NULL, NULL}, ABBREV_BOTH},
    {"ampli", {"amplificateur", NULL, NULL}, ABBREV_BOTH},
    {"sono", {"sonorisation", NULL, NULL}, ABBREV_BOTH},
    {"impro", {"improvisation", NULL, NULL}, ABBREV_BOTH},
    {"compo", {"composition", NULL, NULL}, ABBREV_BOTH},
    {"partoche", {"partition", NULL, NULL}, ABBREV_ONEWAY},
    {"xylo", {"xylophone", NULL, NULL}, ABBREV_BOTH},
    {"vibra", {"vibraphone", NULL, NULL}, ABBREV_ONEWAY},
    {"sax", {"saxophone", NULL, NULL}, ABBREV_ONEWAY},
    {"micro", {"microphone", NULL, NULL}, ABBREV_ONEWAY},
    {"mac", {"macos", "mac os", "macintosh"}, ABBREV_ONEWAY},
    {"télé", {"télévision", NULL, NULL}, ABBREV_ONEWAY},
    {"photo", {"photographie", NULL, NULL}, ABBREV_BOTH},
    {"ciné", {"cinéma", NULL, NULL}, ABBREV_BOTH},
    {"fac", {"faculté", "université", NULL}, ABBREV_ONEWAY},
    {"maths", {"mathématiques", NULL, NULL}, ABBREV_ONEWAY},
    {"exam", {"examen", NULL, NULL}, ABBREV_BOTH},
    {"prépa", {"classe préparatoire", NULL, NULL}, ABBREV_ONEWAY},
    {"philo", {"philosophie", NULL, NULL}, ABBREV_BOTH},
    {"récré", {"récréation", NULL, NULL}, ABBREV_BOTH},
    {"clim", {"climatisation", NULL, NULL}, ABBREV_BOTH},
    {"exo", {"exercice", NULL, NULL}, ABBREV_BOTH},
    {"intro", {"introduction", NULL, NULL}, ABBREV_BOTH},
    {"conso", {"consommation", NULL, NULL}, ABBREV_BOTH},
    {"perf", {"performance", NULL, NULL}, ABBREV_ONEWAY},
    {"fréq", {"fréquence", NULL, NULL}, ABBREV_ONEWAY},
    {"aspi", {"aspirateur", NULL, NULL}, ABBREV_BOTH},
    {"déco", {"décoration", NULL, NULL}, ABBREV_ONEWAY},
    {"gynéco", {"gynécologue", NULL, NULL}, ABBREV_BOTH},
    {"ophtalmo", {"ophtalmologue", "ophtalmologiste", NULL}, ABBREV_BOTH},
    {"dermato", {"dermatologue", NULL, NULL}, ABBREV_BOTH},
    {"projo", {"projecteur", NULL, NULL}, ABBREV_BOTH},
    {"vidéoproj", {"vidéoprojecteur", NULL, NULL}, ABBREV_BOTH},
    {"hélico", {"hélicoptère", NULL, NULL}, ABBREV_BOTH},
    {"accu", {"accumulateur", NULL, NULL}, ABBREV_ONEWAY},
    {"actu", {"actualité", NULL, NULL}, ABBREV_BOTH},
    {"aprèm", {"après-midi", NULL, NULL}, ABBREV_BOTH},
    {"biblio", {"bibliothèque", "bibliographie", NULL}, ABBREV_ONEWAY},
    {"chimio", {"chimiothérapie", NULL, NULL}, ABBREV_BOTH},
    {"réa", {"réanimation", NULL, NULL}, ABBREV_ONEWAY},
    {"mécano", {"mécanicien", NULL, NULL}, ABBREV_BOTH},
    {"prod", {"production", NULL, NULL}, ABBREV_ONEWAY},
    {"démo", {"démonstration", NULL, NULL}, ABBREV_ONEWAY},
    {"vocab", {"vocabulaire", NULL, NULL}, ABBREV_BOTH},
    {"résa", {"réservation", NULL, NULL}, ABBREV_BOTH},
    {"sympa", {"sympathique", NULL, NULL}, ABBREV_BOTH},
    /* Session 21, written from general usage before measuring
     * (mathematics, electricity, computing), each entry that changes a
     * query measured alone on the seventeen sets (docs/ANALYSIS.md). The
     * notations of functions (« arcsin », « ln », « sqrt », « det »…) one
     * way: each is also a function's name in code, and the long form typed
     * must not become a clause with it. « vect » both ways (a LaTeX macro
     * named so draws vectors). Not « scope » (a variable's scope), « ssi »
     * (« sécurité des systèmes d'information »), « càd » (CAD; « c'est-à-dire »
     * is in every page), « asserv », « régul » (Snowball stems them as
     * « asservissement », « régulation » already). */
    {"arcsin", {"arc sinus", "arcsinus", "asin"}, ABBREV_ONEWAY},
    {"arccos", {"arc cosinus", "arccosinus", "acos"}, ABBREV_ONEWAY},
    {"arctan", {"arc tangente", "arctangente", "atan"}, ABBREV_ONEWAY},
    {"sinh", {"sinus hyperbolique", NULL, NULL}, ABBREV_ONEWAY},
    {"cosh", {"cosinus hyperbolique", NULL, NULL}, ABBREV_ONEWAY},
    {"tanh", {"tangente hyperbolique", NULL, NULL}, ABBREV_ONEWAY},
    {"sin", {"sinus", NULL, NULL}, ABBREV_ONEWAY},
    {"cos", {"cosinus", NULL, NULL}, ABBREV_ONEWAY},
    {"tan", {"tangente", NULL, NULL}, ABBREV_ONEWAY},
    {"ln", {"logarithme népérien", "logarithme naturel", NULL}, ABBREV_ONEWAY},
    {"exp", {"exponentielle", NULL, NULL}, ABBREV_ONEWAY},
    {"sqrt", {"racine carrée", NULL, NULL}, ABBREV_ONEWAY},
    {"abs", {"valeur absolue", NULL, NULL}, ABBREV_ONEWAY},
    {"det", {"déterminant", NULL, NULL}, ABBREV_ONEWAY},
    {"pgcd", {"plus grand commun diviseur", NULL, NULL}, ABBREV_BOTH},
    {"ppcm", {"plus petit commun multiple", NULL, NULL}, ABBREV_BOTH},
    {"fft", {"transformée de fourier rapide", NULL, NULL}, ABBREV_ONEWAY},
    {"tfd", {"transformée de fourier discrète", NULL, NULL}, ABBREV_BOTH},
    {"edo", {"équation différentielle ordinaire", NULL, NULL}, ABBREV_ONEWAY},
    {"edp", {"équation aux dérivées partielles", NULL, NULL}, ABBREV_ONEWAY},
    {"svd", {"décomposition en valeurs singulières", NULL, NULL}, ABBREV_ONEWAY},
    {"acp", {"analyse en composantes principales", NULL, NULL}, ABBREV_ONEWAY},
    {"aop", {"amplificateur opérationnel", NULL, NULL}, ABBREV_ONEWAY},
    {"équa diff", {"équation différentielle", NULL, NULL}, ABBREV_ONEWAY},
    {"trigo", {"trigonométrie", "trigonométrique", NULL}, ABBREV_ONEWAY},
    {"proba", {"probabilité", NULL, NULL}, ABBREV_BOTH},
    {"vect", {"vecteur", NULL, NULL}, ABBREV_BOTH},
    {"algo", {"algorithme", NULL, NULL}, ABBREV_BOTH},
    {"simu", {"simulation", NULL, NULL}, ABBREV_BOTH},
    {"hexa", {"hexadécimal", NULL, NULL}, ABBREV_BOTH},
    {"élec", {"électrique", "électricité", "électronique"}, ABBREV_ONEWAY},
    {"regex", {"expression régulière", NULL, NULL}, ABBREV_ONEWAY},
    {"regexp", {"expression régulière", NULL, NULL}, ABBREV_ONEWAY},
    {"cpu", {"processeur", NULL, NULL}, ABBREV_ONEWAY},
    {"msb", {"bit de poids fort", NULL, NULL}, ABBREV_ONEWAY},
    {"lsb", {"bit de poids faible", NULL, NULL}, ABBREV_ONEWAY},
    {"cna", {"convertisseur numérique-analogique", NULL, NULL}, ABBREV_ONEWAY},
    {"rms", {"valeur efficace", NULL, NULL}, ABBREV_ONEWAY},
    {"ddp", {"différence de potentiel", NULL, NULL}, ABBREV_ONEWAY},
    {"cov", {"covariance", NULL, NULL}, ABBREV_ONEWAY},
    {"corr", {"corrélation", NULL, NULL}, ABBREV_ONEWAY},
    {"équa", {"équation", NULL, NULL}, ABBREV_ONEWAY},
    {"coef", {"coefficient", NULL, NULL}, ABBREV_BOTH},
    {"cste", {"constante", NULL, NULL}, ABBREV_BOTH},
    {"ram", {"mémoire vive", NULL, NULL}, ABBREV_ONEWAY},
    /* Session 22, written from general usage before any measurement.
     * The national administration's and social work's acronyms
     * (« ASE », « MNA », « OQTF », « CAF »…): a site's synonyms file that
     * defines one keeps its meaning (synonyms_equate), and so do the
     * acronyms the documents define; for the sets without a file, the
     * meaning every French social worker gives them. One way: the long
     * forms are several frequent words, which typed must not become one
     * clause with the acronym (« mdp »). Not « ame » (« âme »), « rsa »
     * (a cipher), « cmp » (a command), « ip », « as », « es »; nor « pjj »,
     * « oqtf »: test_search's learned acronyms, which no table must define
     * (a page that uses them defines them). */
    {"ase", {"aide sociale à l'enfance", NULL, NULL}, ABBREV_ONEWAY},
    {"mna", {"mineur non accompagné", NULL, NULL}, ABBREV_ONEWAY},
    {"caf", {"caisse d'allocations familiales", NULL, NULL}, ABBREV_ONEWAY},
    {"cpam", {"caisse primaire d'assurance maladie", NULL, NULL}, ABBREV_ONEWAY},
    {"aah", {"allocation aux adultes handicapés", NULL, NULL}, ABBREV_ONEWAY},
    {"apl", {"aide personnalisée au logement", NULL, NULL}, ABBREV_ONEWAY},
    {"mdph", {"maison départementale des personnes handicapées", NULL, NULL}, ABBREV_ONEWAY},
    {"ccas", {"centre communal d'action sociale", NULL, NULL}, ABBREV_ONEWAY},
    {"cmu", {"couverture maladie universelle", NULL, NULL}, ABBREV_ONEWAY},
    {"pmi", {"protection maternelle et infantile", NULL, NULL}, ABBREV_ONEWAY},
    {"cada", {"centre d'accueil de demandeurs d'asile", NULL, NULL}, ABBREV_ONEWAY},
    {"chrs", {"centre d'hébergement et de réinsertion sociale", NULL, NULL}, ABBREV_ONEWAY},
    {"ofpra",
     {"office français de protection des réfugiés et apatrides", NULL, NULL},
     ABBREV_ONEWAY},
    {"cnda", {"cour nationale du droit d'asile", NULL, NULL}, ABBREV_ONEWAY},
    {"ofii", {"office français de l'immigration et de l'intégration", NULL, NULL}, ABBREV_ONEWAY},
    {"cra", {"centre de rétention administrative", NULL, NULL}, ABBREV_ONEWAY},
    {"jaf", {"juge aux affaires familiales", NULL, NULL}, ABBREV_ONEWAY},
    {"vae", {"validation des acquis de l'expérience", NULL, NULL}, ABBREV_ONEWAY},
    {"cpf", {"compte personnel de formation", NULL, NULL}, ABBREV_ONEWAY},
    {"smic", {"salaire minimum interprofessionnel de croissance", NULL, NULL}, ABBREV_ONEWAY},
    {"cnil", {"commission nationale de l'informatique et des libertés", NULL, NULL}, ABBREV_ONEWAY},
    {"rgpd", {"règlement général sur la protection des données", NULL, NULL}, ABBREV_ONEWAY},
    {"gdpr", {"rgpd", "règlement général sur la protection des données", NULL}, ABBREV_ONEWAY},
    {"ong", {"organisation non gouvernementale", NULL, NULL}, ABBREV_ONEWAY},
    {"ngo", {"ong", "organisation non gouvernementale", NULL}, ABBREV_ONEWAY},
    {"onu", {"organisation des nations unies", "nations unies", NULL}, ABBREV_ONEWAY},
    {"ue", {"union européenne", NULL, NULL}, ABBREV_ONEWAY},
    {"cedh", {"cour européenne des droits de l'homme", NULL, NULL}, ABBREV_ONEWAY},
    {"teh", {"traite des êtres humains", NULL, NULL}, ABBREV_ONEWAY},
    {"ehpad",
     {"établissement d'hébergement pour personnes âgées dépendantes", NULL, NULL},
     ABBREV_ONEWAY},
    {"ime", {"institut médico-éducatif", NULL, NULL}, ABBREV_ONEWAY},
    {"hlm", {"habitation à loyer modéré", NULL, NULL}, ABBREV_ONEWAY},
    /* Computing and electronics acronyms and clipped words. */
    {"fai", {"fournisseur d'accès à internet", NULL, NULL}, ABBREV_ONEWAY},
    {"ocr", {"reconnaissance optique de caractères", NULL, NULL}, ABBREV_ONEWAY},
    {"ia", {"intelligence artificielle", NULL, NULL}, ABBREV_ONEWAY},
    {"vpn", {"réseau privé virtuel", NULL, NULL}, ABBREV_ONEWAY},
    {"api", {"interface de programmation", NULL, NULL}, ABBREV_ONEWAY},
    {"hdd", {"disque dur", NULL, NULL}, ABBREV_ONEWAY},
    {"gpu", {"processeur graphique", NULL, NULL}, ABBREV_ONEWAY},
    {"pc", {"ordinateur", NULL, NULL}, ABBREV_ONEWAY},
    {"pcb", {"circuit imprimé", NULL, NULL}, ABBREV_ONEWAY},
    {"ampli op", {"amplificateur opérationnel", NULL, NULL}, ABBREV_ONEWAY},
    {"alim", {"alimentation", NULL, NULL}, ABBREV_BOTH},
    {"transfo", {"transformateur", NULL, NULL}, ABBREV_ONEWAY},
    {"visio", {"visioconférence", NULL, NULL}, ABBREV_BOTH},
    /* Session 22, round 2, from general usage, no failure showing them:
     * spreadsheet users' acronyms, one way. « tcd » reaches Calc's
     * « table dynamique » too (given after measuring: an abbreviation's
     * long form does not lead on to the lexicon's; docs/ANALYSIS.md). */
    {"tcd", {"tableau croisé dynamique", "table dynamique", NULL}, ABBREV_ONEWAY},
    {"mfc", {"mise en forme conditionnelle", NULL, NULL}, ABBREV_ONEWAY},
    /* Months, school subjects and everyday clippings. */
    {"covoit", {"covoiturage", NULL, NULL}, ABBREV_BOTH},
    /* Session 23, round 2 (after batch 18), from general usage, no
     * failure showing them, one way: « TZ » names the time zone (the
     * variable), « BAL » the « boîte aux lettres » of French mail
     * administration (« bal » is also a dance), « MTA » the mail
     * server, « SSO », « 2FA » the authentication schemes. */
    {"tz", {"fuseau horaire", NULL, NULL}, ABBREV_ONEWAY},
    {"bal", {"boîte aux lettres", NULL, NULL}, ABBREV_ONEWAY},
    {"mta", {"agent de transfert de courrier", "serveur de messagerie", NULL}, ABBREV_ONEWAY},
    {"sso", {"authentification unique", NULL, NULL}, ABBREV_ONEWAY},
    {"2fa", {"authentification à deux facteurs", "double authentification", NULL}, ABBREV_ONEWAY},
    /* Session 24, round 2 (after batch 19), from general usage, no
     * failure showing them, one way (each is also a variable's or a
     * field's name in C code and man pages): « fd », « tid », « uid »,
     * « gid » name descriptors and identifiers, « ipc » the communication
     * between processes, « acl » the access control lists, « tty » a
     * terminal, « fs » a file system, « eof » the end of a file, « lib » a
     * library (also « /usr/lib »), « cgroup » a control group. Not « pid »
     * (measured out, docs/ANALYSIS.md). */
    {"fd", {"descripteur de fichier", NULL, NULL}, ABBREV_ONEWAY},
    {"tid", {"identifiant de thread", NULL, NULL}, ABBREV_ONEWAY},
    {"uid", {"identifiant d'utilisateur", NULL, NULL}, ABBREV_ONEWAY},
    {"gid", {"identifiant de groupe", NULL, NULL}, ABBREV_ONEWAY},
    {"ipc", {"communication interprocessus", NULL, NULL}, ABBREV_ONEWAY},
    {"acl", {"liste de contrôle d'accès", NULL, NULL}, ABBREV_ONEWAY},
    {"tty", {"terminal", NULL, NULL}, ABBREV_ONEWAY},
    {"fs", {"système de fichiers", NULL, NULL}, ABBREV_ONEWAY},
    {"eof", {"fin de fichier", NULL, NULL}, ABBREV_ONEWAY},
    {"lib", {"bibliothèque", NULL, NULL}, ABBREV_ONEWAY},
    {"cgroup", {"groupe de contrôle", NULL, NULL}, ABBREV_ONEWAY},
    /* Session 25 (lex25), written from general usage before the blind
     * batch 20 was seen and before measuring, one way: mail (« cci »),
     * images (« dpi »), networks (« dns », « lan », « wan », « wlan »,
     * « nas », « ups », « url »), office files (« ppt ») and school
     * (« qcm », « ent », « svt », « tice », « tni », « tbi », « aesh »,
     * « cpe », « segpa »), banking (« dab »). */
    {"cci", {"copie carbone invisible", "copie cachée", NULL}, ABBREV_ONEWAY},
    {"dpi", {"points par pouce", "ppp", NULL}, ABBREV_ONEWAY},
    {"qcm", {"questionnaire à choix multiples", "choix multiple", NULL}, ABBREV_ONEWAY},
    {"ent", {"environnement numérique de travail", NULL, NULL}, ABBREV_ONEWAY},
    {"svt", {"sciences de la vie et de la terre", NULL, NULL}, ABBREV_ONEWAY},
    {"dns", {"système de noms de domaine", "serveur de noms", NULL}, ABBREV_ONEWAY},
    {"lan", {"réseau local", NULL, NULL}, ABBREV_ONEWAY},
    {"wan", {"réseau étendu", NULL, NULL}, ABBREV_ONEWAY},
    {"wlan", {"réseau local sans fil", "réseau sans fil", NULL}, ABBREV_ONEWAY},
    {"nas", {"stockage en réseau", "serveur de stockage en réseau", NULL}, ABBREV_ONEWAY},
    {"ups", {"onduleur", "alimentation sans interruption", NULL}, ABBREV_ONEWAY},
    {"url", {"adresse web", "adresse internet", NULL}, ABBREV_ONEWAY},
    {"ppt", {"powerpoint", "présentation", NULL}, ABBREV_ONEWAY},
    {"tice",
     {"technologies de l'information et de la communication pour l'enseignement", NULL, NULL},
     ABBREV_ONEWAY},
    {"tni", {"tableau numérique interactif", NULL, NULL}, ABBREV_ONEWAY},
    {"tbi", {"tableau blanc interactif", NULL, NULL}, ABBREV_ONEWAY},
    {"aesh", {"accompagnant des élèves en situation de handicap", NULL, NULL}, ABBREV_ONEWAY},
    {"cpe", {"conseiller principal d'éducation", NULL, NULL}, ABBREV_ONEWAY},
    {"dab", {"distributeur automatique de billets", NULL, NULL}, ABBREV_ONEWAY},
    {"segpa",
     {"section d'enseignement général et professionnel adapté", NULL, NULL},
     ABBREV_ONEWAY},
    /* Same session, a second round, one way: phones,
     * films, cables and French schools' and universities' acronyms. Not
     * « sav » (service après-vente): it stems as « save », an anglicism. */
    {"gsm", {"téléphone portable", "téléphone mobile", NULL}, ABBREV_ONEWAY},
    {"vost", {"version originale sous-titrée", NULL, NULL}, ABBREV_ONEWAY},
    {"rj45", {"câble ethernet", "prise ethernet", NULL}, ABBREV_ONEWAY},
    {"cpge", {"classe préparatoire aux grandes écoles", NULL, NULL}, ABBREV_ONEWAY},
    {"ulis", {"unité localisée pour l'inclusion scolaire", NULL, NULL}, ABBREV_ONEWAY},
    {"dnb", {"diplôme national du brevet", NULL, NULL}, ABBREV_ONEWAY},
    {"bts", {"brevet de technicien supérieur", NULL, NULL}, ABBREV_ONEWAY},
    {"iut", {"institut universitaire de technologie", NULL, NULL}, ABBREV_ONEWAY},
    {"ufr", {"unité de formation et de recherche", NULL, NULL}, ABBREV_ONEWAY},
    /* Same session, a third round, one way: video, location, software
     * categories, the web, networks. */
    {"fps", {"images par seconde", NULL, NULL}, ABBREV_ONEWAY},
    {"gps", {"géolocalisation", "système de positionnement", NULL}, ABBREV_ONEWAY},
    {"sgbdr", {"système de gestion de base de données relationnelle", NULL, NULL}, ABBREV_ONEWAY},
    {"erp", {"progiciel de gestion intégré", NULL, NULL}, ABBREV_ONEWAY},
    {"crm", {"gestion de la relation client", NULL, NULL}, ABBREV_ONEWAY},
    {"cms", {"système de gestion de contenu", NULL, NULL}, ABBREV_ONEWAY},
    {"seo", {"référencement", NULL, NULL}, ABBREV_ONEWAY},
    {"p2p", {"pair à pair", NULL, NULL}, ABBREV_ONEWAY},
    {"ddos", {"déni de service distribué", NULL, NULL}, ABBREV_ONEWAY},
    /* Session 25, round 2 (b20x, after batch 20), written before
     * measuring, one way, none seen in batch 20's failures: security,
     * threads, bank cards and loans, school work. */
    {"aslr", {"distribution aléatoire de l'espace d'adressage", NULL, NULL}, ABBREV_ONEWAY},
    {"pthreads", {"threads posix", NULL, NULL}, ABBREV_ONEWAY},
    {"cb", {"carte bancaire", NULL, NULL}, ABBREV_ONEWAY},
    {"taeg", {"taux annuel effectif global", NULL, NULL}, ABBREV_ONEWAY},
    {"ds", {"devoir surveillé", NULL, NULL}, ABBREV_ONEWAY},
    {"dm", {"devoir maison", NULL, NULL}, ABBREV_ONEWAY},
    {"interro", {"interrogation", NULL, NULL}, ABBREV_ONEWAY},
};

size_t abbrev_count(void)
{
    return sizeof abbrev_table / sizeof abbrev_table[0];
}

const char *abbrev_entry(size_t i, const char *const **longs, size_t *nlong, int *oneway)
{
    return synonyms_equal_row_at(abbrev_table, abbrev_count(), i, longs, nlong, oneway);
}

size_t abbrev_add(synonyms *s)
{
    return synonyms_equate_rows(s, abbrev_table, abbrev_count());
}
