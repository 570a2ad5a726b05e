/* lexicon: the table of everyday words and their documentation equivalents
 * (lexicon.h). Each entry is general usage: the precise verb software and
 * administrative documentation prefers to the everyday one a visitor
 * types (« supprimer » for « enlever », « afficher » for « montrer »);
 * clipped nouns (« diapo », « appli ») are abbreviations (abbrev.h). The
 * ranking weighs what they reach as related words (rank.c): a document
 * with the word typed ranks above one with only its equivalent, and an
 * equivalent no document has changes nothing. Entries measured and left
 * out are listed in docs/ANALYSIS.md. */
#include "lexicon.h"

#define LEXICON_MAX_TO 3

typedef struct {
    const char *from;               /* the everyday word a visitor types */
    const char *to[LEXICON_MAX_TO]; /* what documentation writes, NULL-ended */
} lexicon_entry;

static const lexicon_entry lexicon_table[] = {
    /* A setting, a name, an order one « change »: documentation
     * « modifie » it. */
    {"changer", {"modifier", NULL, NULL}},
    /* An element one « enlève »: « supprimer », « retirer », « effacer ». */
    {"enlever", {"supprimer", "retirer", "effacer"}},
    /* A file or a text one « efface »: « supprimer ». */
    {"effacer", {"supprimer", NULL, NULL}},
    /* What one « montre » or « voit » on screen: « afficher ». */
    {"montrer", {"afficher", NULL, NULL}},
    {"voir", {"afficher", NULL, NULL}},
    /* An element one « cache »: « masquer ». */
    {"cacher", {"masquer", NULL, NULL}},
    /* A text one « tape »: « saisir ». */
    {"taper", {"saisir", NULL, NULL}},
    /* A program one « lance »: « démarrer », « exécuter ». */
    {"lancer", {"démarrer", "exécuter", NULL}},
    /* An object one « bouge »: « déplacer ». */
    {"bouger", {"déplacer", NULL, NULL}},
    /* A device one « branche »: « connecter ». */
    {"brancher", {"connecter", NULL, NULL}},
    /* A lost file one « récupère »: « restaurer ». */
    {"récupérer", {"restaurer", NULL, NULL}},
    /* What one « trouve » or « cherche »: « rechercher ». */
    {"trouver", {"rechercher", NULL, NULL}},
    {"chercher", {"rechercher", NULL, NULL}},
    /* Session 17 candidates, written from general knowledge before any
     * measurement; pruned by measurement in the next commit. */
    {"figer", {"fixer", "verrouiller", NULL}},
    {"bloquer", {"verrouiller", NULL, NULL}},
    {"réparer", {"corriger", "dépanner", NULL}},
    {"arrêter", {"quitter", "fermer", "interrompre"}},
    {"agrandir", {"zoomer", NULL, NULL}},
    {"grossir", {"agrandir", NULL, NULL}},
    {"rapetisser", {"réduire", NULL, NULL}},
    {"rajouter", {"ajouter", "insérer", NULL}},
    {"mettre", {"insérer", "placer", NULL}},
    {"envoyer", {"transmettre", NULL, NULL}},
    {"remplir", {"renseigner", "compléter", NULL}},
    {"demander", {"solliciter", NULL, NULL}},
    {"aider", {"accompagner", NULL, NULL}},
    {"copier", {"dupliquer", NULL, NULL}},
    {"ranger", {"classer", "trier", NULL}},
    {"ouvrir", {"accéder", NULL, NULL}},
    {"fermer", {"quitter", NULL, NULL}},
    {"couper", {"désactiver", NULL, NULL}},
    {"relier", {"connecter", "lier", NULL}},
    {"joindre", {"contacter", NULL, NULL}},
    {"payer", {"régler", "verser", NULL}},
    {"toucher", {"percevoir", NULL, NULL}},
    {"embaucher", {"recruter", NULL, NULL}},
    {"marcher", {"fonctionner", NULL, NULL}},
    {"planter", {"bloquer", NULL, NULL}},
    {"régler", {"configurer", "paramétrer", NULL}},
    {"choisir", {"sélectionner", NULL, NULL}},
    {"garder", {"conserver", NULL, NULL}},
    {"écrire", {"saisir", "rédiger", NULL}},
    {"tourner", {"pivoter", NULL, NULL}},
    {"défaire", {"annuler", NULL, NULL}},
    {"refaire", {"rétablir", NULL, NULL}},
    {"relancer", {"redémarrer", NULL, NULL}},
    {"rallumer", {"redémarrer", NULL, NULL}},
    {"allumer", {"démarrer", NULL, NULL}},
    {"éteindre", {"arrêter", NULL, NULL}},
    {"dossier", {"répertoire", NULL, NULL}},
    {"papier", {"justificatif", "pièce", NULL}},
    {"appartement", {"logement", NULL, NULL}},
    {"boulot", {"emploi", "travail", NULL}},
    {"salaire", {"rémunération", NULL, NULL}},
    {"gamin", {"enfant", NULL, NULL}},
    {"bébé", {"nourrisson", NULL, NULL}},
    {"docteur", {"médecin", NULL, NULL}},
    {"mairie", {"commune", "municipalité", NULL}},
    {"problème", {"dépannage", "incident", NULL}},
    {"panne", {"dépannage", "défaillance", NULL}},
    {"appareil", {"périphérique", NULL, NULL}},
    {"ôter", {"supprimer", "retirer", NULL}},
    {"jeter", {"supprimer", NULL, NULL}},
    {"regarder", {"consulter", "afficher", NULL}},
    {"lire", {"consulter", NULL, NULL}},
    {"sortir", {"quitter", NULL, NULL}},
    {"rentrer", {"saisir", NULL, NULL}},
    {"retrouver", {"rechercher", NULL, NULL}},
    {"séparer", {"scinder", "fractionner", NULL}},
    {"découper", {"scinder", "fractionner", NULL}},
    {"encadrer", {"bordure", NULL, NULL}},
    {"sauver", {"enregistrer", NULL, NULL}},
    {"prévenir", {"informer", "avertir", NULL}},
    {"habiter", {"résider", NULL, NULL}},
    {"loger", {"héberger", NULL, NULL}},
    {"bosser", {"travailler", NULL, NULL}},
    {"prix", {"tarif", NULL, NULL}},
    {"amende", {"contravention", NULL, NULL}},
    {"professeur", {"enseignant", NULL, NULL}},
    {"rassembler", {"regrouper", "fusionner", NULL}},
};

size_t lexicon_add(synonyms *s)
{
    size_t added = 0;
    for (size_t i = 0; i < sizeof lexicon_table / sizeof lexicon_table[0]; i++) {
        const char *words[1 + LEXICON_MAX_TO];
        size_t n = 0;
        words[n++] = lexicon_table[i].from;
        for (size_t k = 0; k < LEXICON_MAX_TO && lexicon_table[i].to[k]; k++)
            words[n++] = lexicon_table[i].to[k];
        added += (size_t)synonyms_relate(s, words, n, 1);
    }
    return added;
}
