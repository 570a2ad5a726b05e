/* grammar: reads a query's items (query_item.h) as French words: which are
 * function words, locutions or a light verb, whether the text asks a
 * question (and what a word means), what « sans » negates, the program
 * asked in, a keyword query's head noun; marks each item dropped, soft,
 * optional or head. Word lists written from French grammar. Does not lex,
 * analyse nor build clauses from the marks (query.c). */
#include "grammar.h"

#include <stdlib.h>
#include <string.h>

/* Is word (unaccented) one of list[0..n)? */
static int grammar_in_list(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], word) == 0)
            return 1;
    return 0;
}

/* The commonest function words, which query.c matches by their own form
 * and its accented spellings, not by their stem: « des » and « de » are
 * in nearly every document, and each of their forms is one of the longest
 * lists of the index (with stems, « mot de passe » read « de », « des »,
 * « dé » and « dés »: 0.5 ms of matching became 4.9). */
static const char *const grammar_closed_words[] = {
    "a",     "au",   "aux", "avec", "c",    "ce",  "ces",  "d",   "dans", "de",  "des",
    "du",    "elle", "en",  "est",  "et",   "il",  "l",    "la",  "le",   "les", "leur",
    "leurs", "n",    "ne",  "ou",   "par",  "pas", "pour", "qu",  "que",  "qui", "s",
    "sa",    "se",   "ses", "son",  "sont", "sur", "un",   "une", "y",
};

int grammar_closed_word(const char *unaccented)
{
    return grammar_in_list(unaccented, grammar_closed_words,
                           sizeof grammar_closed_words / sizeof grammar_closed_words[0]);
}

/* Questions. « comment identifier une victime de traite ? » needs none of
 * « comment », « une », « de » to be in a document: in a question (text
 * ending with '?', or starting with an interrogative: « que faire si … »,
 * « qui peut … ») its function words are not required, unless nothing else
 * is left: articles, pronouns, prepositions, the conjunctions « et » and
 * « ou », interrogatives, and the conjugated auxiliaries and modal verbs
 * that only carry a question (« j'ai été », « peut-elle », « est-ce que »,
 * « dois-je »). Infinitives stay (« être indemnisé », « que faire ? »: FAQs
 * and fact sheets ask their questions in the same words), and so do
 * « sans », « non » and « pas ».
 * They still join synonym sides (« aide sociale à l'enfance ? »). */
static const char *const grammar_interrogatives[] = {
    "comment", "pourquoi", "combien", "quand",  "quel",     "quelle",   "quels",      "quelles",
    "que",     "qui",      "quoi",    "lequel", "laquelle", "lesquels", "lesquelles",
};

static const char *const grammar_function_words[] = {
    "a",       "ai",      "as",         "au",       "aux",     "avec",  "avez",     "avons",
    "c",       "ca",      "ce",         "cela",     "ces",     "cet",   "cette",    "chez",
    "combien", "comment", "d",          "dans",     "de",      "des",   "devez",    "devons",
    "dois",    "doit",    "doivent",    "du",       "elle",    "elles", "en",       "es",
    "est",     "et",      "etais",      "etait",    "ete",     "etes",  "eux",      "faut",
    "il",      "ils",     "j",          "je",       "l",       "la",    "laquelle", "le",
    "lequel",  "les",     "lesquelles", "lesquels", "leur",    "leurs", "lui",      "m",
    "ma",      "me",      "mes",        "moi",      "mon",     "n",     "ne",       "nos",
    "notre",   "nous",    "on",         "ont",      "ou",      "par",   "peut",     "peuvent",
    "peux",    "pour",    "pourquoi",   "pouvez",   "pouvons", "puis",  "qu",       "quand",
    "que",     "quel",    "quelle",     "quelles",  "quels",   "qui",   "quoi",     "s",
    "sa",      "se",      "ses",        "si",       "sommes",  "son",   "sont",     "suis",
    "sur",     "t",       "ta",         "te",       "tes",     "toi",   "ton",      "tu",
    "un",      "une",     "vos",        "votre",    "vous",    "y",
};

static const char *const grammar_determiners[] = {
    "ce",   "ces",   "cet", "cette", "des", "du",  "la",    "le",    "les",
    "leur", "leurs", "ma",  "mes",   "mon", "nos", "notre", "sa",    "ses",
    "son",  "ta",    "tes", "ton",   "un",  "une", "vos",   "votre",
};

/* Words that say little in a passage without a noun or a verb beside them
 * (adverbs, pronouns, auxiliaries: « lors des », « tout », « même »; the
 * auxiliaries' imperfect, future and conditional, « sera », « avait »,
 * as their present is among a question's; adverbs of time and frequency,
 * « toujours », « souvent », « ensuite »), on top of a question's function
 * words; « non », « sans », « pas », « jamais » say something and are not
 * here. Unaccented. */
static const char *const grammar_weak_words[] = {
    "ainsi",      "alors",   "aura",     "aurai",     "auraient",    "aurais",   "aurait",
    "auras",      "aurez",   "auriez",   "aurions",   "aurons",      "auront",   "aussi",
    "aussitot",   "autre",   "autres",   "avaient",   "avais",       "avait",    "aviez",
    "avions",     "avoir",   "bien",     "bientot",   "celle",       "celles",   "celui",
    "ceux",       "comme",   "deja",     "depuis",    "desormais",   "donc",     "dont",
    "dorenavant", "encore",  "enfin",    "ensuite",   "entre",       "etaient",  "etiez",
    "etions",     "etre",    "ici",      "longtemps", "lors",        "mais",     "meme",
    "memes",      "moins",   "parfois",  "plus",      "quelquefois", "rarement", "selon",
    "sera",       "serai",   "seraient", "serais",    "serait",      "seras",    "serez",
    "seriez",     "serions", "serons",   "seront",    "souvent",     "tard",     "tot",
    "toujours",   "tous",    "tout",     "toute",     "toutes",      "tres",     "vers",
};

/* Prepositions of place and time (« sous », « devant », « derrière »,
 * « pendant »): a question's relaxed order does not count them, as it
 * does not count « entre », « vers », « depuis » (grammar_weak_words), though
 * they match and score; nor a keyword query's, but « avant » and
 * « derrière » (grammar_keyword_firm_prepositions). Unaccented. */
static const char *const grammar_soft_prepositions[] = {
    "apres",  "avant", "contre", "derriere", "dessous", "dessus", "devant",
    "durant", "hors",  "malgre", "parmi",    "pendant", "sous",   "via",
};

/* Light verbs (unaccented): the copulas (« sembler », « paraître »,
 * « rester »), the causatives (« faire », « laisser », « rendre ») and the
 * verbs of knowing (« savoir », « connaître »), infinitive and present.
 * Before a word they frame what a question asks, which that word names:
 * « pourquoi la gomme ne rend pas transparent ? », « comment faire défiler
 * les diapos », « comment connaître le nombre de mots »; the page that
 * answers seldom writes them, and long pages say them in passing, so a
 * question's relaxed order does not count them, though they match and
 * score. « vient » and « viennent » frame an origin (« d'où vient la dette
 * des femmes ? »: the page that answers says where the debt comes from,
 * seldom « vient »; 1 up, 0 down on the 54 sets in session 34). Written
 * from French grammar; « devenir » measured out (« comment
 * devenir mainteneur debian »: becoming is what is asked), « reste » and
 * « demeure » left out as nouns too (a division's remainder). */
static const char *const grammar_light_verbs[] = {
    "connaitre",  "demeurent", "demeurer", "faire",    "laisse",  "laissent", "laisser",
    "paraissent", "parait",    "paraitre", "rend",     "rendent", "rendre",   "restent",
    "rester",     "savoir",    "semble",   "semblent", "sembler", "vient",    "viennent",
};

/* Whether a word (unaccented) is a preposition of place or time. Matched by
 * its own form, as the closed words (query_pos_piece), not by its stem:
 * « devant » stems as « devez », « pendant » as « pendre », « durant » as
 * « durée »; but a word all the same (query_node_content). */
int grammar_soft_preposition(const char *word)
{
    return grammar_in_list(word, grammar_soft_prepositions,
                           sizeof grammar_soft_prepositions / sizeof grammar_soft_prepositions[0]);
}

/* Whether a word (unaccented) is a function word of a question
 * (grammar_function_words) or says little alone (grammar_weak_words). */
int grammar_says_little(const char *word)
{
    return grammar_in_list(word, grammar_function_words,
                           sizeof grammar_function_words / sizeof grammar_function_words[0]) ||
           grammar_in_list(word, grammar_weak_words,
                           sizeof grammar_weak_words / sizeof grammar_weak_words[0]);
}

/* The possessive determiners (unaccented): « le vôtre » and « la nôtre »
 * read "votre" and "notre". */
static const char *const grammar_possessives[] = {
    "leur", "leurs", "ma", "mes", "mon", "nos", "notre", "sa",
    "ses",  "son",   "ta", "tes", "ton", "vos", "votre",
};

/* Is items[i] a possessive right after a determiner of its clause (« le
 * son », « du ton », « un son »)? Two determiners do not stand in a row:
 * the possessive is then a noun (the sound, the tone) or a pronoun (« le
 * vôtre », « le leur »). In the scale corpus's text (9.5k pages), every
 * article or demonstrative followed by a possessive is so: « le son » 38,
 * « un son » 21, « du son » 18, « un ton » 6, « le/la/les vôtre(s) » 22,
 * « ce son » 3, « au son » 3, « le ton » and « du ton » 2 each, « le
 * leur » 1; none is a determiner before a noun. « au » and « aux » hold
 * an article. No judged query moved (tests/relevance, both held-out
 * batches): « que faire si le son grésille ? » keeps « son », but the
 * possessive « son » of every page matches it too, and no page writes
 * « grésille » (the answer says « craquements »). */
static int grammar_after_determiner(const query_item *items, size_t i)
{
    const query_item *it = &items[i], *prev = i > 0 ? &items[i - 1] : NULL;
    if (!prev || prev->kind != QUERY_ITEM_WORD || prev->neg || prev->prefix || prev->ends ||
        prev->npos == 0 || it->npos != 1)
        return 0;
    const char *before = query_pos_surface(&prev->pos[prev->npos - 1]);
    return grammar_in_list(query_pos_surface(&it->pos[0]), grammar_possessives,
                           sizeof grammar_possessives / sizeof grammar_possessives[0]) &&
           (grammar_in_list(before, grammar_determiners,
                            sizeof grammar_determiners / sizeof grammar_determiners[0]) ||
            strcmp(before, "au") == 0 || strcmp(before, "aux") == 0);
}

/* Is it a letter that French elides (« c », « d », « l », « s »…)
 * standing alone? The analyzer strips an elided letter from its word
 * (« l'abri », and « l abri » typed without the apostrophe: query_join_elisions),
 * so a letter left alone stood before a consonant or at the end, where
 * French elides nothing: a name (« trier un tableau en C », « vitamine
 * C »), a unit, a key, not « ce » or « de ». */
static int grammar_lone_letter(const query_item *it)
{
    if (it->npos != 1)
        return 0;
    const char *w = query_pos_surface(&it->pos[0]);
    return w[0] && !w[1] && strchr("cdjlmnst", w[0]);
}

/* The nouns of French prepositional locutions (« au lieu de », « à cause
 * de », « en cas de », « à l'aide de »), of interrogative ones
 * (« combien de temps », « de quelle manière », « pour quelle raison »)
 * and of adverbials of frequency (« tous les jours », « chaque semaine »):
 * the locution is a preposition, an interrogative or an adverb, its noun
 * names no topic, and is a function word (grammar_function_word). Each entry: the
 * words before the noun, unaccented (an elided « l' » is stripped by the
 * analyzer), then the noun. Written from French grammar; « à partir de »
 * was measured out (« comment calculer l'âge à partir de la date de
 * naissance ? » 0.947 -> 0.883: the answers say « à partir de » too);
 * « au cours de » left out: « au cours de français » is a class. */
enum { GRAMMAR_BEFORE_ANY, GRAMMAR_BEFORE_DE, GRAMMAR_BEFORE_A };

static const struct {
    const char *w[3]; /* the words before the noun, then the noun */
    int before;       /* what must follow: « de » (« du », « des », « d'un »), « à »,
                       * or anything but « de » (a complement of the noun) */
} grammar_locutions[] = {
    {{"au", "lieu"}, GRAMMAR_BEFORE_DE},
    {{"a", "cause"}, GRAMMAR_BEFORE_DE},
    {{"en", "cas"}, GRAMMAR_BEFORE_DE},
    {{"au", "moyen"}, GRAMMAR_BEFORE_DE},
    {{"a", "aide"}, GRAMMAR_BEFORE_DE},
    {{"a", "la", "place"}, GRAMMAR_BEFORE_DE},
    {{"au", "sein"}, GRAMMAR_BEFORE_DE},
    {{"a", "propos"}, GRAMMAR_BEFORE_DE},
    {{"en", "raison"}, GRAMMAR_BEFORE_DE},
    {{"du", "fait"}, GRAMMAR_BEFORE_DE},
    {{"a", "egard"}, GRAMMAR_BEFORE_DE},
    {{"en", "depit"}, GRAMMAR_BEFORE_DE},
    {{"a", "force"}, GRAMMAR_BEFORE_DE},
    {{"au", "bout"}, GRAMMAR_BEFORE_DE},
    {{"a", "cote"}, GRAMMAR_BEFORE_DE},
    {{"en", "face"}, GRAMMAR_BEFORE_DE},
    {{"en", "dehors"}, GRAMMAR_BEFORE_DE},
    {{"par", "rapport"}, GRAMMAR_BEFORE_A},
    {{"combien", "de", "temps"}, GRAMMAR_BEFORE_ANY},
    {{"combien", "de", "fois"}, GRAMMAR_BEFORE_ANY},
    {{"quelle", "maniere"}, GRAMMAR_BEFORE_ANY},
    {{"quelle", "facon"}, GRAMMAR_BEFORE_ANY},
    {{"quelle", "raison"}, GRAMMAR_BEFORE_ANY},
    {{"quel", "moment"}, GRAMMAR_BEFORE_ANY},
    {{"tous", "les", "jours"}, GRAMMAR_BEFORE_ANY},
    {{"tous", "les", "soirs"}, GRAMMAR_BEFORE_ANY},
    {{"tous", "les", "matins"}, GRAMMAR_BEFORE_ANY},
    {{"tous", "les", "mois"}, GRAMMAR_BEFORE_ANY},
    {{"tous", "les", "ans"}, GRAMMAR_BEFORE_ANY},
    {{"toutes", "les", "heures"}, GRAMMAR_BEFORE_ANY},
    {{"toutes", "les", "minutes"}, GRAMMAR_BEFORE_ANY},
    {{"toutes", "les", "semaines"}, GRAMMAR_BEFORE_ANY},
    {{"chaque", "jour"}, GRAMMAR_BEFORE_ANY},
    {{"chaque", "semaine"}, GRAMMAR_BEFORE_ANY},
    {{"chaque", "mois"}, GRAMMAR_BEFORE_ANY},
    {{"chaque", "annee"}, GRAMMAR_BEFORE_ANY},
};

static const char *grammar_word_at(const query_item *items, size_t n, size_t k);

/* Is items[i] (one word) the noun of such a locution, followed by what
 * it must be (« au sein d'une équipe », not « allaitement au sein »;
 * « à l'aide d'un outil », not « accéder à l'aide juridictionnelle »)? */
static int grammar_locution_noun(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1)
        return 0;
    size_t k = 0;
    for (size_t j = 0; j < i; j++) {
        if (items[j].kind != QUERY_ITEM_WORD || items[j].neg || items[j].prefix)
            return 0;
        k += items[j].npos;
    }
    const char *w = query_pos_surface(&it->pos[0]);
    const char *next = grammar_word_at(items, n, k + 1);
    static const char *const de[] = {"de", "des", "du", "un", "une"}; /* « d'un »: d' stripped */
    static const char *const a[] = {"a", "au", "aux"};
    for (size_t l = 0; l < sizeof grammar_locutions / sizeof grammar_locutions[0]; l++) {
        size_t m = 0;
        while (m < 3 && grammar_locutions[l].w[m])
            m++;
        if (strcmp(grammar_locutions[l].w[m - 1], w) != 0 || k < m - 1)
            continue;
        if (grammar_locutions[l].before == GRAMMAR_BEFORE_DE &&
            (!next || !grammar_in_list(next, de, sizeof de / sizeof de[0])))
            continue;
        if (grammar_locutions[l].before == GRAMMAR_BEFORE_A &&
            (!next || !grammar_in_list(next, a, sizeof a / sizeof a[0])))
            continue;
        /* « combien de temps de travail », « chaque jour de congé »: the
         * noun has a complement, it is the topic. */
        if (grammar_locutions[l].before == GRAMMAR_BEFORE_ANY && next &&
            grammar_in_list(next, de, 3))
            continue;
        size_t b = 0;
        while (b + 1 < m) {
            const char *prev = grammar_word_at(items, n, k - (m - 1) + b);
            if (!prev || strcmp(prev, grammar_locutions[l].w[b]) != 0)
                break;
            b++;
        }
        if (b + 1 == m)
            return 1;
    }
    return 0;
}

/* French conjunctive locutions (« tant que », « alors que », « parce
 * que », « bien que », « afin que », « à mesure que », « étant donné
 * que »): the words before « que » make a conjunction with it, grammar
 * that names no topic, like the prepositional locutions above. Each
 * entry: the words before « que », unaccented. Written from French
 * grammar; « sans que » left out (« sans » says something, and has its
 * own rule: grammar_sans_object), « pour que » needs nothing (« pour » is
 * a function word). */
/* clang-format off */
static const char *const grammar_conjunctions[][3] = {
    {"tant"}, {"alors"}, {"parce"}, {"bien"}, {"pendant"}, {"afin"}, {"avant"}, {"apres"},
    {"depuis"}, {"ainsi"}, {"tandis"}, {"plutot"}, {"sauf"}, {"vu"}, {"autant"},
    {"maintenant"}, {"pourvu"}, {"encore"},
    {"a", "mesure"}, {"de", "sorte"}, {"en", "sorte"}, {"a", "condition"}, {"a", "moins"},
    {"une", "fois"}, {"etant", "donne"}, {"en", "attendant"}, {"de", "facon"},
    {"de", "maniere"},
};
/* clang-format on */

/* Is items[i] (one word) a word of such a locution, « que » or « qu' »
 * following it? */
static int grammar_conjunction_word(const query_item *items, size_t n, size_t i)
{
    for (size_t l = 0; l < sizeof grammar_conjunctions / sizeof grammar_conjunctions[0]; l++) {
        size_t m = 0;
        while (m < 3 && grammar_conjunctions[l][m])
            m++;
        for (size_t p = 0; p < m; p++) {
            if (p > i || i - p + m >= n)
                continue;
            size_t first = i - p, k;
            for (k = 0; k < m; k++) {
                const query_item *w = &items[first + k];
                if (w->kind != QUERY_ITEM_WORD || w->neg || w->prefix || w->npos != 1 ||
                    (k + 1 < m && w->ends) ||
                    strcmp(query_pos_surface(&w->pos[0]), grammar_conjunctions[l][k]) != 0)
                    break;
            }
            const query_item *q = &items[first + m];
            if (k == m && !items[first + m - 1].ends && q->kind == QUERY_ITEM_WORD && !q->neg &&
                !q->prefix && q->npos > 0 &&
                (q->after_qu || strcmp(query_pos_surface(&q->pos[0]), "que") == 0))
                return 1;
        }
    }
    return 0;
}

/* A plain word made of function words only (« une », « est-ce »),
 * compared unaccented. A determiner that ends its clause is none: no noun
 * follows it, so it is a noun (« pourquoi je n'ai pas de son ? »: the
 * sound; « le la », the note). Measured on the held-out set
 * (tests/relevance/heldout): « pourquoi je n'ai pas de son ? » 0.000 ->
 * 0.821, class question 0.7511 -> 0.8194, nothing else moved in either
 * set. Dropping the « pas » of a question's « ne … pas » too (it says no
 * topic) was tried: « pas de son » 0.931, but « pourquoi mon wifi ne
 * marche pas ? » 0.228 -> 0.121 and « que faire si l'ordinateur ne
 * s'allume pas ? » 0.983 -> 0.959 (class 0.8178); with « plus », « jamais »,
 * « rien », « point » as well, « comment réparer un système qui ne démarre
 * plus ? » 0.906 -> 0.707. So « pas » stays a word. */
static int grammar_function_word(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos == 0)
        return 0;
    if ((i > 0 && items[i - 1].kind == QUERY_ITEM_OR) ||
        (i + 1 < n && items[i + 1].kind == QUERY_ITEM_OR))
        return 0;
    if (it->ends && it->npos == 1 &&
        grammar_in_list(query_pos_surface(&it->pos[0]), grammar_determiners,
                        sizeof grammar_determiners / sizeof grammar_determiners[0]))
        return 0;
    if (grammar_after_determiner(items, i))
        return 0;
    if (grammar_lone_letter(it))
        return 0;
    if (grammar_locution_noun(items, n, i) || grammar_conjunction_word(items, n, i))
        return 1;
    for (size_t k = 0; k < it->npos; k++)
        if (!grammar_in_list(query_pos_surface(&it->pos[k]), grammar_function_words,
                             sizeof grammar_function_words / sizeof grammar_function_words[0]))
            return 0;
    return 1;
}

/* The subject pronoun a question puts after its verb (« aident-ils »,
 * « doit-on », « va-t-il ») is no word to look for: the compound becomes
 * its verb. */
static const char *const grammar_pronouns[] = {"elle", "elles", "il", "ils", "je",
                                               "nous", "on",    "t",  "tu",  "vous"};

int grammar_subject_pronoun(const char *word)
{
    return strcmp(word, "j") == 0 ||
           (strcmp(word, "t") != 0 &&
            grammar_in_list(word, grammar_pronouns,
                            sizeof grammar_pronouns / sizeof grammar_pronouns[0]));
}

static void grammar_trim_pronouns(query_item *it)
{
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix)
        return;
    size_t n = it->npos;
    while (n > 1 && grammar_in_list(query_pos_surface(&it->pos[n - 1]), grammar_pronouns,
                                    sizeof grammar_pronouns / sizeof grammar_pronouns[0]))
        n--;
    if (n == it->npos)
        return;
    for (size_t k = n; k < it->npos; k++)
        query_pos_free(&it->pos[k]);
    it->npos = n;
    free(it->whole);
    it->whole = NULL;
}

/* Surface k of the positions items[0..n) hold, read across items (a plain
 * word each), or NULL: « est-ce » and « est ce » both read "est", "ce". */
static const char *grammar_word_at(const query_item *items, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        if (items[i].kind != QUERY_ITEM_WORD || items[i].neg || items[i].prefix)
            return NULL;
        if (k < items[i].npos)
            return query_pos_surface(&items[i].pos[k]);
        k -= items[i].npos;
    }
    return NULL;
}

/* The prepositions before which an interrogative still opens a question
 * (« à qui s'adresser », « de quoi a besoin une victime », « à partir de
 * quel âge », « jusqu'à quand »), unaccented; and the interrogatives that
 * do so after them: not « que » (« pour que » is « so that »), nor « ou »
 * (« pour ou contre »). */
static const char *const grammar_ask_prepositions[] = {
    "a",     "aupres", "avec", "chez",   "contre", "dans",  "de",   "depuis", "en",
    "entre", "jusqu",  "par",  "partir", "pour",   "selon", "sous", "sur",    "vers",
};

static const char *const grammar_asked_after[] = {
    "combien", "quand", "quel", "quelle", "quels", "quelles", "qui", "quoi",
};

#define GRAMMAR_ASK_MAX_LEAD 3 /* « à partir de » */

/* Do the text's first words ask by a preposition or up to three, then an
 * interrogative? */
static int grammar_asks_after_preposition(const query_item *items, size_t n)
{
    size_t k = 0;
    const char *w;
    while (k < GRAMMAR_ASK_MAX_LEAD && (w = grammar_word_at(items, n, k)) &&
           grammar_in_list(w, grammar_ask_prepositions,
                           sizeof grammar_ask_prepositions / sizeof grammar_ask_prepositions[0]))
        k++;
    return k > 0 && (w = grammar_word_at(items, n, k)) &&
           grammar_in_list(w, grammar_asked_after,
                           sizeof grammar_asked_after / sizeof grammar_asked_after[0]);
}

/* Does the text ask a question by its first words, « ? » or not? An
 * interrogative (« comment », « que faire »), « où » with or without its
 * accent, or « est-ce » (« qu'est-ce que », « est-ce que »), written
 * with or without its hyphen and apostrophe: « qu est ce qu une adresse
 * ip » is « qu'est-ce qu'une adresse IP ? » typed quickly. « ou » is « or »
 * between words; typed first in the query (at_start) and followed by another
 * word, it is « où » without its accent (« ou porter plainte », « ou
 * trouver de l aide »), a query having nothing before it to join; « OU »
 * in capitals is the operator typed out of place (query_lex_fix_or), left
 * a word. Or prepositions, then an interrogative
 * (grammar_asks_after_preposition). */
static int grammar_asks(const query_item *items, size_t n, int at_start)
{
    if (n == 0 || items[0].kind != QUERY_ITEM_WORD || items[0].neg || items[0].prefix)
        return 0;
    const query_pos *p = &items[0].pos[0];
    if (items[0].npos == 1 &&
        (grammar_in_list(query_pos_surface(p), grammar_interrogatives,
                         sizeof grammar_interrogatives / sizeof grammar_interrogatives[0]) ||
         strcmp(p->exact + 1, "o\xC3\xB9") == 0 ||
         (at_start && strcmp(p->exact + 1, "ou") == 0 && !items[0].or_word[0] && n > 1)))
        return 1;
    const char *first = grammar_word_at(items, n, 0), *second = grammar_word_at(items, n, 1);
    if (first && second && strcmp(first, "est") == 0 && strcmp(second, "ce") == 0)
        return 1;
    return grammar_asks_after_preposition(items, n);
}

/* The words before which a subject pronoun is elided, not inverted (« s'il »,
 * « qu'on », « lorsqu'elle »), unaccented. */
static const char *const grammar_elided[] = {"c", "d",      "j",  "jusqu", "l",  "lorsqu", "m",
                                             "n", "puisqu", "qu", "s",     "si", "quoiqu"};

static const char *const grammar_subjects[] = {"elle", "elles", "il", "ils", "je", "tu"};

/* The auxiliary and modal verbs after which a subject pronoun typed as a
 * word of its own, without the hyphen, is inverted too (« peut elle »,
 * « faut il »), unaccented; not « puis » (« puis il part »: then). The
 * questions of the three judged sets typed without accents, apostrophes,
 * hyphens or « ? »: tests/relevance 0.8857 -> 0.8967 (« une victime sans
 * papiers peut elle obtenir un titre de sejour » 0.641 -> 0.884). */
static const char *const grammar_inverting[] = {
    "ai",      "avez", "avons",  "devez",   "devons", "dois", "doit",
    "doivent", "es",   "est",    "etes",    "faut",   "ont",  "peut",
    "peuvent", "peux", "pouvez", "pouvons", "sommes", "sont", "suis",
};

/* Is items[i] a subject pronoun typed apart after such a verb? */
static int grammar_inverted_apart(const query_item *items, size_t i)
{
    const query_item *it = &items[i], *prev = i > 0 ? &items[i - 1] : NULL;
    if (!prev || it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1 ||
        prev->kind != QUERY_ITEM_WORD || prev->neg || prev->prefix || prev->ends || prev->npos == 0)
        return 0;
    const char *last = query_pos_surface(&it->pos[0]);
    const char *verb = query_pos_surface(&prev->pos[prev->npos - 1]);
    return (grammar_in_list(last, grammar_subjects,
                            sizeof grammar_subjects / sizeof grammar_subjects[0]) ||
            strcmp(last, "on") == 0) &&
           grammar_in_list(verb, grammar_inverting,
                           sizeof grammar_inverting / sizeof grammar_inverting[0]);
}

/* Does the text ask by inverting a verb and its subject pronoun, anywhere
 * (« une victime sans papiers peut-elle obtenir… », « puis-je », « a-t-il »,
 * « faut-il »)? French puts a subject pronoun after its verb, joined by a
 * hyphen, only to ask (or in an incise, « dit-il », which nobody types in
 * a search box). « nous » and « vous » are not counted: after an
 * imperative they are objects (« connectez-vous », « rendez-vous »); and
 * « -on » only after an auxiliary or modal verb of a question
 * (grammar_function_words: « peut-on », « doit-on », « est-on ») or a
 * euphonic t (« va-t-on »): English compounds end in it (« add-on »,
 * « reset-on », « wake-on »: 8 of the 10 commonest « X-on » of the scale
 * corpus). */
static int grammar_inverts(const query_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const query_item *it = &items[i];
        if (grammar_inverted_apart(items, i))
            return 1;
        if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos < 2)
            continue;
        const char *last = query_pos_surface(&it->pos[it->npos - 1]);
        const char *verb = query_pos_surface(&it->pos[it->npos - 2]);
        if (grammar_in_list(verb, grammar_elided, sizeof grammar_elided / sizeof grammar_elided[0]))
            continue;
        if (grammar_in_list(last, grammar_subjects,
                            sizeof grammar_subjects / sizeof grammar_subjects[0]))
            return 1;
        if (strcmp(last, "on") == 0 &&
            (strcmp(verb, "t") == 0 ||
             grammar_in_list(verb, grammar_function_words,
                             sizeof grammar_function_words / sizeof grammar_function_words[0])))
            return 1;
    }
    return 0;
}

/* Does a clause after the first open with an interrogative (« j'ai été
 * victime de traite, que faire », « titre de séjour : comment
 * l'obtenir »)? */
static int grammar_asks_later(const query_item *items, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (items[i - 1].ends && grammar_asks(items + i, n - i, 0))
            return 1;
    return 0;
}

/* Does « quoi » stand anywhere among the words? In a search box it asks
 * wherever it is (« c'est quoi la traite », « le 115 sert à quoi »). */
static int grammar_says_quoi(const query_item *items, size_t n)
{
    const char *w;
    for (size_t k = 0; (w = grammar_word_at(items, n, k)) != NULL; k++)
        if (strcmp(w, "quoi") == 0)
            return 1;
    return 0;
}

/* Are a and b « veut dire » or « veulent dire »? */
static int grammar_veut_dire(const char *a, const char *b)
{
    return a && b && (strcmp(a, "veut") == 0 || strcmp(a, "veulent") == 0) &&
           strcmp(b, "dire") == 0;
}

/* The number of words of the items (grammar_word_at's). */
static size_t grammar_word_count(const query_item *items, size_t n)
{
    size_t k = 0;
    while (grammar_word_at(items, n, k))
        k++;
    return k;
}

static int grammar_is(const char *w, const char *word)
{
    return w && strcmp(w, word) == 0;
}

/* Does the text ask what a word means: « que veut dire … », « que
 * signifie … », « qu'est-ce que … », « définition de … », « c'est quoi
 * … », or after the word « … c'est quoi ? », « … veut dire quoi ? »? A
 * glossary's line (« MIPROF : Mission interministérielle … ») answers
 * it. */
int grammar_asks_meaning(const query_item *items, size_t n, const char *text, size_t len)
{
    const char *w0 = grammar_word_at(items, n, 0), *w1 = grammar_word_at(items, n, 1);
    const char *w2 = grammar_word_at(items, n, 2);
    if (!w0)
        return 0;
    size_t words = grammar_word_count(items, n);
    if (words >= 3) {
        const char *a = grammar_word_at(items, n, words - 3);
        const char *b = grammar_word_at(items, n, words - 2);
        const char *c = grammar_word_at(items, n, words - 1);
        if (grammar_is(c, "quoi") && (grammar_is(b, "est") || grammar_veut_dire(a, b)))
            return 1;
    }
    /* « c'est quoi … » (the elided « c' » is not a word). */
    if (grammar_is(w0, "est") && grammar_is(w1, "quoi") && words >= 3)
        return 1;
    if (strcmp(w0, "definition") == 0 || strcmp(w0, "signification") == 0)
        return 1;
    if (!w1)
        return 0;
    if (strcmp(w0, "que") == 0)
        return strcmp(w1, "signifie") == 0 || strcmp(w1, "signifient") == 0 ||
               grammar_veut_dire(w1, w2);
    /* « qu'est-ce que », not « est-ce que » (a yes or no question): the
     * text's first letters, after spaces, quotes or guillemets (w0 being
     * « est », no other word comes first). */
    size_t i = 0;
    while (i < len && !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
        i++;
    return strcmp(w0, "est") == 0 && strcmp(w1, "ce") == 0 && i + 2 <= len &&
           (text[i] == 'q' || text[i] == 'Q') && (text[i + 1] == 'u' || text[i + 1] == 'U');
}

/* In a question asking what a word means (grammar_asks_meaning), drops
 * the words that ask it and are not function words: « veut dire »,
 * « signifie », « définition », « signification », « ça »; the word asked
 * about is then the only clause (« que veut dire OQTF ? » had « veut » and
 * « dire » as clauses, which the glossary's line does not write). */
void grammar_mark_meaning(query_item *items, size_t n)
{
    static const char *const asking[] = {"signifie",    "signifient",    "definition",
                                         "definitions", "signification", "ca"};
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += items[i].kind == QUERY_ITEM_WORD && !items[i].dropped && !items[i].neg;
    for (size_t i = 0; i < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        const char *next = grammar_word_at(items + i, n - i, 1);
        if (!w || items[i].npos != 1 || items[i].dropped || kept <= 1)
            continue;
        int drop = grammar_in_list(w, asking, sizeof asking / sizeof asking[0]);
        if (grammar_veut_dire(w, next) && i + 1 < n && items[i + 1].npos == 1) {
            if (!items[i + 1].dropped && kept > 2) {
                items[i + 1].dropped = 1;
                kept--;
            }
            drop = 1;
        }
        if (drop) {
            items[i].dropped = 1;
            kept--;
        }
    }
}

/* Is items[i] « savoir » opening an indirect question, before an
 * interrogative or « si » (« comment savoir quel paquet a installé un
 * fichier ? », « comment savoir si … »)? The page answers the question
 * asked after it and does not say « savoir »; not before « que » (« savoir
 * que … », to know that). */
static int grammar_asks_indirectly(const query_item *items, size_t n, size_t i)
{
    const char *w = grammar_word_at(items + i, n - i, 0);
    const char *next = grammar_word_at(items + i, n - i, 1);
    if (!w || !next || items[i].npos != 1 || items[i].ends || strcmp(w, "savoir") != 0)
        return 0;
    return strcmp(next, "si") == 0 || strcmp(next, "ou") == 0 ||
           (strcmp(next, "que") != 0 &&
            grammar_in_list(next, grammar_interrogatives,
                            sizeof grammar_interrogatives / sizeof grammar_interrogatives[0]));
}

/* Does w end as an infinitive (-er, -ir, -oir, -re)? After « sans le »,
 * « sans la », « sans les », « sans l' » such a word is a verb whose object
 * the pronoun is (« sans le signer », « sans l'ouvrir »), the action the
 * person wants done, not a thing to go without. Nouns so ending (« sans
 * le clavier », « sans le titre ») are left as words too. */
static int grammar_infinitive_end(const char *w)
{
    size_t len = strlen(w);
    return len > 3 && ((w[len - 1] == 'r' && (w[len - 2] == 'e' || w[len - 2] == 'i')) ||
                       (w[len - 2] == 'r' && w[len - 1] == 'e'));
}

/* When items[i] is « sans » before a determiner and a noun (« sans
 * l'assistant », « sans un compte », « sans mon mot de passe »: its first
 * word), the index of that noun, else 0. A question asks how to do
 * something without it: the pages that answer describe the other way and
 * seldom name it, while the pages about it (« Assistant Requête »,
 * « Assistant Requête - Ordre de tri »…) have every other word of the
 * question. A bare noun after « sans » makes a compound (« sans fil »,
 * « sans papiers », « sans abri »), and stays. */
static size_t grammar_sans_object(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (i + 1 >= n || it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1 ||
        it->ends || strcmp(query_pos_surface(&it->pos[0]), "sans") != 0)
        return 0;
    size_t k = i + 1;
    const query_item *d = &items[k];
    if (d->kind != QUERY_ITEM_WORD || d->neg || d->prefix || d->npos == 0)
        return 0;
    int pronoun = d->article; /* « l' » may be the verb's object */
    if (!d->article) {
        const char *det = query_pos_surface(&d->pos[0]);
        if (d->npos != 1 || d->ends || ++k >= n ||
            !grammar_in_list(det, grammar_determiners,
                             sizeof grammar_determiners / sizeof grammar_determiners[0]))
            return 0;
        pronoun = !strcmp(det, "le") || !strcmp(det, "la") || !strcmp(det, "les");
    }
    const query_item *o = &items[k];
    if (o->kind != QUERY_ITEM_WORD || o->neg || o->prefix || o->npos == 0 ||
        (pronoun && grammar_infinitive_end(query_pos_surface(&o->pos[0]))))
        return 0;
    return k;
}

/* Is items[i] « sans » with such a noun, or that noun? Neither is a word
 * to look for in a question. */
static int grammar_negated(const query_item *items, size_t n, size_t i)
{
    if (grammar_sans_object(items, n, i))
        return 1;
    for (size_t j = i >= 2 ? i - 2 : 0; j < i; j++)
        if (grammar_sans_object(items, n, j) == i)
            return 1;
    return 0;
}

/* Is items[i] the name of the program a question is asked in: its last
 * word, a bare name after « dans » or « avec » (« comment figer les volets
 * dans calc ? », « comment signer un document avec openpgp ? »)? Every
 * page of that program's help is about it, and the page that answers
 * seldom names it, while pages that only mention the program have it: a
 * question's relaxed order does not count it, though it matches and
 * scores. Not after « sur », « sous » (the platform, which a question of
 * installing or running asks about: « est-ce que texworks fonctionne sous
 * windows ? »), nor « en » (what a thing becomes: « convertir un script
 * matlab en scilab »), nor after a determiner (« dans une macro »). */
/* Is w « dans » or « avec », before the place a word is asked in
 * (grammar_scope_name, grammar_mark_meaning_scope)? */
static int grammar_scope_preposition(const char *w)
{
    return w && (strcmp(w, "dans") == 0 || strcmp(w, "avec") == 0);
}

static int grammar_scope_name(const query_item *items, size_t n, size_t i)
{
    if (i == 0 || i + 1 != n || items[i - 1].npos != 1)
        return 0;
    return grammar_scope_preposition(grammar_word_at(items + i - 1, n - i + 1, 0));
}

/* Is items[i] a plain word of one position that a question requires? */
static int grammar_plain_kept(const query_item *items, size_t i)
{
    return items[i].kind == QUERY_ITEM_WORD && !items[i].neg && !items[i].prefix &&
           !items[i].dropped && items[i].npos == 1;
}

/* « quelle est la différence entre les MPM prefork et worker ? », « entre
 * fork et vfork ? »: a question that sets two things side by side names
 * them on either side of the « et » of its « entre … et », and each one's
 * own page answers it, though it seldom names the other. The word before
 * that « et » and the one word after it, the question's last, are marked
 * either (query_expr.either): the relaxed order counts a row with one of
 * them as having both. Only a single word after « et »: « entre un lien
 * symbolique et un lien physique » pairs no words; and only when a word
 * that compares comes before « entre » (grammar_comparing): « partager un
 * fichier entre windows et linux ? » asks for both. */
static const char *const grammar_comparing[] = {
    "choisir",     "choix",        "comparaison", "comparer",   "difference",
    "differences", "differencier", "distinction", "distinguer",
};

static void grammar_mark_either(query_item *items, size_t n)
{
    size_t i = 0;
    int compares = 0;
    while (i < n && !(grammar_word_at(items + i, 1, 0) && items[i].npos == 1 &&
                      strcmp(grammar_word_at(items + i, 1, 0), "entre") == 0)) {
        const char *w = grammar_word_at(items + i, 1, 0);
        compares |= w && items[i].npos == 1 &&
                    grammar_in_list(w, grammar_comparing,
                                    sizeof grammar_comparing / sizeof grammar_comparing[0]);
        i++;
    }
    if (!compares)
        return;
    size_t et = i + 1;
    while (et < n && !(grammar_word_at(items + et, 1, 0) && items[et].npos == 1 &&
                       strcmp(grammar_word_at(items + et, 1, 0), "et") == 0))
        et++;
    if (et >= n || et < i + 2 || !grammar_plain_kept(items, et - 1))
        return;
    size_t b = n, kept = 0;
    for (size_t j = et + 1; j < n; j++)
        if (!items[j].dropped) {
            kept++;
            b = j;
        }
    if (kept != 1 || !grammar_plain_kept(items, b))
        return;
    items[et - 1].either = 1;
    items[b].either = 1;
}

/* In a question asking what a word means, the words after a « dans » or
 * « avec » that follows it (« qu'est-ce qu'une cible dans un projet
 * autotools ? ») say where the word is used: the page that defines it
 * seldom names that place, pages of the place name it in passing. They
 * are neither required nor counted by the relaxed order (soft, optional),
 * but rank where a row has them. Not a phrase typed in quotes nor a
 * prefix: the person asked for those (« … dans "gnu autotools" ? »). */
static void grammar_mark_meaning_scope(query_item *items, size_t n)
{
    size_t k = 0;
    while (k < n && (items[k].dropped || !query_positive(&items[k])))
        k++;
    for (size_t j = k + 1; j < n; j++) {
        const char *w = grammar_word_at(items + j, 1, 0);
        if (items[j].npos != 1 || !grammar_scope_preposition(w))
            continue;
        for (size_t i = j + 1; i < n; i++)
            if (!items[i].dropped && query_positive(&items[i]) &&
                items[i].kind == QUERY_ITEM_WORD && !items[i].prefix)
                items[i].soft = items[i].optional = 1;
        return;
    }
}

int grammar_mark_question(query_item *items, size_t n, const char *text, size_t len)
{
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n'))
        len--;
    int question = (len > 0 && text[len - 1] == '?') || grammar_asks(items, n, 1) ||
                   grammar_inverts(items, n) || grammar_asks_later(items, n) ||
                   grammar_says_quoi(items, n);
    if (!question)
        return 0;
    for (size_t i = 0; i < n; i++)
        grammar_trim_pronouns(&items[i]);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += query_positive(&items[i]) && !grammar_function_word(items, n, i) &&
                !grammar_asks_indirectly(items, n, i) && !grammar_negated(items, n, i);
    if (kept == 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        items[i].dropped = grammar_function_word(items, n, i) ||
                           grammar_asks_indirectly(items, n, i) || grammar_negated(items, n, i);
    /* « pourquoi » is not required, but a page whose title or heading
     * asks « Pourquoi … ? » about the same thing answers it (« pourquoi
     * choisir debian »: « Pourquoi la distribution Debian ? »): an
     * exact-form signal of titles and headings (query_term.label_only).
     * Not « comment », « quel »…: documentation titles its sections
     * « Comment … » whatever they answer (every interrogative: summed
     * nDCG@10 of the thirteen sets -0.372, 7 up 15 down). */
    for (size_t i = 0; i < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        items[i].asks = w && items[i].dropped && items[i].npos == 1 && !strcmp(w, "pourquoi");
    }
    /* « que faire si … », « que faire quand … »: the infinitive that
     * opens the question is still a word, but the relaxed order does not
     * count it (query_expr.soft); nor a word that says little alone
     * (grammar_weak_words: « plus », « tout », « même », « depuis »), which
     * no row needs either (optional, as a keyword query's function words:
     * the spin buttons' page writes « boutons -/+ » for « comment choisir
     * un nombre avec des boutons plus et moins ? »; session 29, r29), nor a
     * preposition of place or time (grammar_soft_prepositions: « sous »,
     * « devant », « pendant »), nor a light verb before a word
     * (grammar_light_verbs: « rend », « faire »; a final « que faire ? » is
     * the question itself), nor the program it is asked in
     * (grammar_scope_name: « … dans calc ? »). */
    const char *w0 = grammar_word_at(items, n, 0), *w1 = grammar_word_at(items, n, 1);
    if (n > 2 && w0 && w1 && items[0].npos == 1 && items[1].npos == 1 && !items[1].ends &&
        strcmp(w0, "que") == 0 && strcmp(w1, "faire") == 0)
        items[1].soft = 1;
    /* « comment faire pour … », « comment on fait pour … », « que faire
     * pour … »: the verb before « pour » frames the question as « comment »
     * does, and the page that answers says what to do, seldom « faire »;
     * as a clause it ranked the pages that say « faire » most (typed so,
     * 22 of 98 « comment … » questions of 18 sets lost 2.309). Not when
     * nothing is asked after it. */
    static const char *const framing[] = {"faire", "fait", "fais", "font"};
    for (size_t i = 0; i + 2 < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        if (!w || items[i].npos != 1 || items[i].dropped ||
            !grammar_is(grammar_word_at(items + i, n - i, 1), "pour") ||
            !grammar_in_list(w, framing, sizeof framing / sizeof framing[0]))
            continue;
        int after = 0;
        for (size_t j = i + 1; j < n && !after; j++)
            after = items[j].kind == QUERY_ITEM_WORD && !items[j].dropped && !items[j].neg &&
                    items[j].npos > 0 && !grammar_is(grammar_word_at(items + j, n - j, 0), "pour");
        if (after)
            items[i].dropped = 1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        int light = w && i + 1 < n &&
                    grammar_in_list(w, grammar_light_verbs,
                                    sizeof grammar_light_verbs / sizeof grammar_light_verbs[0]);
        int weak = w && grammar_in_list(w, grammar_weak_words,
                                        sizeof grammar_weak_words / sizeof grammar_weak_words[0]);
        if (w && items[i].npos == 1 && !items[i].dropped &&
            (weak || grammar_soft_preposition(w) || light || grammar_scope_name(items, n, i))) {
            items[i].soft = 1;
            items[i].optional = weak;
        }
        items[i].light = items[i].soft && light;
    }
    grammar_mark_either(items, n);
    if (grammar_asks_meaning(items, n, text, len))
        grammar_mark_meaning_scope(items, n);
    return 1;
}

/* The prepositions of place and time (grammar_soft_prepositions) a keyword
 * query's relaxed order still counts, measured out: « aperçu avant
 * impression », « placer l'image derrière le texte » ask for that very
 * relation. Unaccented. */
static const char *const grammar_keyword_firm_prepositions[] = {"avant", "derriere"};

/* In a keyword query, a preposition of place or time before another word
 * (grammar_soft_prepositions but grammar_keyword_firm_prepositions) is soft,
 * as in a question: it matches and scores, but the relaxed order, when no
 * document has every word, does not count it. « répondeur automatique
 * pendant les vacances »: the page on absence notices never writes
 * « pendant », which long pages say in passing; « zéro devant nombre
 * calc ». */
static void grammar_mark_soft_prepositions(query_item *items, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        if (w && items[i].npos == 1 && grammar_soft_preposition(w) &&
            !grammar_in_list(w, grammar_keyword_firm_prepositions,
                             sizeof grammar_keyword_firm_prepositions /
                                 sizeof grammar_keyword_firm_prepositions[0]))
            items[i].soft = 1;
    }
}

/* A keyword query's content words before the program it is asked in
 * (grammar_keyword_scope) that make its name soft. */
#define GRAMMAR_KEYWORD_SCOPE_WORDS 4

/* In a keyword query of many words, the program it is asked in, a bare
 * last word after « dans » or « avec » (grammar_scope_name: « afficher les
 * images en plein écran dans gthumb »), is soft as in a question: every
 * page of that program's help is about it, and the page that answers
 * seldom names it. Not in a shorter query, where the name is one of few
 * words and the pages of other programs with the rest come in (session
 * 23 measured every keyword query). Measured (33 sets, session 29, r31):
 * four content words or more before « dans », 1 up, 0 down (that query
 * 0.431 -> 1.000); three, 1 up, 1 down (« l'emplacement du terminal
 * courant dans utmp » 1.000 -> 0.983); two or one, 1 up, 5 down
 * (« l'ancrage d'une image dans calc » 0.728 -> 0.538). */
static void grammar_keyword_scope(query_item *items, size_t n)
{
    if (n < 2 || !grammar_scope_name(items, n, n - 1))
        return;
    size_t content = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        content += w && items[i].npos == 1 && !grammar_closed_word(w);
    }
    if (content >= GRAMMAR_KEYWORD_SCOPE_WORDS)
        items[n - 1].soft = 1;
}

/* The words that only a clause has: the negation and the clitic
 * pronouns (« ne », « se », « me », « te »), unaccented. */
static const char *const grammar_verb_clitics[] = {"me", "ne", "se", "te"};

/* The definite articles before a query's first noun: « l'ombre d'un
 * objet », « le nombre de lignes », « la couleur d'une note ». */
static const char *const grammar_definite_articles[] = {"la", "le", "les"};

/* A keyword query whose first word that is not a function word comes
 * after a definite article (« l'ombre d'un objet », « la couleur d'une
 * note ») names a thing, and French puts a noun phrase's head first: that
 * noun is what it asks about, the words after it say which one. A page
 * whose title opens with it is the page about it (rank.c,
 * RANK_TITLE_HEAD): « Ombre », not « Bordures », which has a tab on
 * shadows. Marks that word (query_item.head). */
static void grammar_mark_head(query_item *items, size_t n)
{
    /* A negation or a clitic pronoun makes the query a clause, whose
     * subject is not what it asks (« l'ordinateur ne s'allume pas »). */
    for (size_t i = 0; i < n; i++) {
        const char *w = grammar_word_at(items + i, n - i, 0);
        if (items[i].clitic ||
            (w && grammar_in_list(w, grammar_verb_clitics,
                                  sizeof grammar_verb_clitics / sizeof grammar_verb_clitics[0])))
            return;
    }
    for (size_t i = 0; i < n; i++) {
        query_item *it = &items[i];
        if (it->kind != QUERY_ITEM_WORD || grammar_function_word(items, n, i))
            continue;
        const char *before = i > 0 && items[i - 1].kind == QUERY_ITEM_WORD && !items[i - 1].neg &&
                                     items[i - 1].npos == 1
                                 ? query_pos_surface(&items[i - 1].pos[0])
                                 : NULL;
        it->head =
            !it->neg && !it->prefix && it->npos == 1 &&
            (it->article || (before && grammar_in_list(before, grammar_definite_articles,
                                                       sizeof grammar_definite_articles /
                                                           sizeof grammar_definite_articles[0])));
        return;
    }
}

/* The indefinite determiners (unaccented), which say how many, not
 * what: « un rapport de bogue pour plusieurs paquets » is answered by
 * « … contre une liste de paquets », « en masse ». Not required in a
 * keyword query before a word, as its function words (a question's
 * relaxed order counting them as function words or as soft words lost,
 * docs/ANALYSIS.md). */
static const char *const grammar_indefinites[] = {
    "aucun",  "aucune", "certaines", "certains",  "chaque",   "diverses",
    "divers", "maints", "maintes",   "plusieurs", "quelques",
};

/* Is items[i] an indefinite determiner before a word of its clause? */
static int grammar_indefinite(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    return it->kind == QUERY_ITEM_WORD && !it->neg && !it->prefix && !it->ends && it->npos == 1 &&
           i + 1 < n && items[i + 1].kind == QUERY_ITEM_WORD &&
           grammar_in_list(query_pos_surface(&it->pos[0]), grammar_indefinites,
                           sizeof grammar_indefinites / sizeof grammar_indefinites[0]);
}

/* Is the adjective at items[i] a superlative's (« le plus petit nombre
 * de la liste », « le moins grand »): a number, not a quantity. */
static int grammar_superlative(const query_item *items, size_t i)
{
    const char *prev = i > 0 ? grammar_word_at(items + i - 1, 1, 0) : NULL;
    return prev && (!strcmp(prev, "plus") || !strcmp(prev, "moins"));
}

/* Is items[i] a word of a locution that says how many before a noun
 * (unaccented): « un grand nombre de », « un petit nombre de »,
 * « beaucoup de », « une multitude de », « de nombreux », « de
 * nombreuses »? Like the indefinite determiners (grammar_indefinites), they
 * say how many, not what: « l'hébergement d'un grand nombre de sites
 * virtuels » is answered by « Hébergement virtuel de masse ». « nombre »
 * alone stays (« le nombre de processus »), and a superlative's
 * (grammar_superlative). */
static int grammar_quantity(const query_item *items, size_t n, size_t i)
{
    const char *w = grammar_word_at(items + i, 1, 0), *next = NULL, *after = NULL, *prev = NULL;
    if (!w || items[i].npos != 1 || items[i].ends || i + 1 >= n)
        return 0;
    next = grammar_word_at(items + i + 1, 1, 0);
    after = i + 2 < n ? grammar_word_at(items + i + 2, 1, 0) : NULL;
    prev = i > 0 ? grammar_word_at(items + i - 1, 1, 0) : NULL;
    if (!next)
        return 0;
    int de = !strcmp(next, "de") || !strcmp(next, "d");
    if ((!strcmp(w, "beaucoup") || !strcmp(w, "multitude")) && de)
        return 1;
    if (!strcmp(w, "nombreux") || !strcmp(w, "nombreuses"))
        return 1;
    if ((!strcmp(w, "grand") || !strcmp(w, "petit")) && !strcmp(next, "nombre") && after &&
        (!strcmp(after, "de") || !strcmp(after, "d")))
        return !grammar_superlative(items, i);
    return !strcmp(w, "nombre") && de && prev &&
           (!strcmp(prev, "grand") || !strcmp(prev, "petit")) && !grammar_superlative(items, i - 1);
}

/* The nouns that name a general account of a subject, not the subject
 * (unaccented): « panorama », « généralités », « survol », and the
 * locutions « vue d'ensemble », « tour d'horizon » (both words). A page
 * about the subject names its account otherwise (« présentation »,
 * « exposé général », « aperçu ») or not at all. */
static const char *const grammar_genre_words[] = {"generalites", "panorama", "survol"};
static const char *const grammar_genre_pairs[][2] = {{"vue", "ensemble"}, {"tour", "horizon"}};

static int grammar_genre_word(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1)
        return 0;
    const char *w = query_pos_surface(&it->pos[0]);
    if (grammar_in_list(w, grammar_genre_words,
                        sizeof grammar_genre_words / sizeof grammar_genre_words[0]))
        return 1;
    for (size_t k = 0; k < sizeof grammar_genre_pairs / sizeof grammar_genre_pairs[0]; k++)
        for (int side = 0; side < 2; side++) {
            size_t j = side ? i - 1 : i + 1;
            if ((side ? i == 0 : i + 1 >= n) || strcmp(w, grammar_genre_pairs[k][side]) != 0)
                continue;
            const query_item *o = &items[j];
            if (o->kind == QUERY_ITEM_WORD && !o->neg && !o->prefix && o->npos == 1 &&
                strcmp(query_pos_surface(&o->pos[0]), grammar_genre_pairs[k][!side]) == 0)
                return 1;
        }
    return 0;
}

/* A keyword query's function words (grammar_function_word: « une », « de »,
 * « à », « sur »; not « ne », « n' ») are not required, nor its indefinite
 * determiners (grammar_indefinite) and the nouns naming an overview
 * (grammar_genre_word): « connexion à un fichier texte » is
 * answered by « Connexion au fichier texte », « l'ordre de tri d'une
 * requête » by « Assistant Requête - Ordre de tri ». They stay clauses,
 * ranked where a row has them (proximity, the span of a text), so that
 * the rows which have them keep the order they had. Not in a query typed
 * with an operator, nor when nothing else is left. */
static int grammar_optional_word(const query_item *items, size_t n, size_t i)
{
    if (grammar_indefinite(items, n, i) || grammar_quantity(items, n, i))
        return 1;
    if (grammar_genre_word(items, n, i))
        return 1;
    if (!grammar_function_word(items, n, i))
        return 0;
    /* The negation stays required (« pas », « sans », « non », « ni »,
     * « plus » are no function words). */
    for (size_t k = 0; k < items[i].npos; k++) {
        const char *w = query_pos_surface(&items[i].pos[k]);
        if (!strcmp(w, "ne") || !strcmp(w, "n"))
            return 0;
    }
    return 1;
}

/* A keyword query's function words, indefinites and quantities are
 * optional (grammar_optional_word), unless it has an excluded word, a
 * prefix, a phrase or an OR, or every word of it would be. */
static void grammar_mark_optional(query_item *items, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const query_item *it = &items[i];
        if (it->neg || it->prefix || it->kind != QUERY_ITEM_WORD)
            return;
        kept += !grammar_optional_word(items, n, i);
    }
    if (kept == 0)
        return;
    for (size_t i = 0; i < n; i++)
        items[i].optional = grammar_optional_word(items, n, i);
}

void grammar_mark_keywords(query_item *items, size_t n)
{
    grammar_mark_optional(items, n);
    grammar_mark_soft_prepositions(items, n);
    grammar_keyword_scope(items, n);
    grammar_mark_head(items, n);
}
