/* morph: which other index forms of a word's family a query piece reaches
 * where Snowball stems the family apart: participles told from the word
 * typed, the « -age » noun and a verb's action noun, adjectives and their
 * verbs, the other number, a verb's other person, the forms of verbs in
 * -dre and -ttre. Reads the index through a piece_vocab only; does not
 * parse queries, tell function words (grammar.c) nor write FTS5 (query.c). */
#include "morph.h"

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define MORPH_PERSON_MIN 4 /* letters of a verb's stem before « -ent » */
#define MORPH_DERIVE_MIN 5 /* letters of a stem an « -age » noun derives from */

/* Does form[0..len) end as a past participle: -é, -ée, -és, -ées? */
int morph_participle(const char *form, size_t len)
{
    static const char *const ends[] = {"\xC3\xA9",
                                       "\xC3\xA9"
                                       "e",
                                       "\xC3\xA9"
                                       "s",
                                       "\xC3\xA9"
                                       "es"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i]);
        if (len >= k && memcmp(form + len - k, ends[i], k) == 0)
            return 1;
    }
    return 0;
}

/* Does form[0..len) end as a present participle or the adjective made
 * from it: -ant, -ante, -ants, -antes, after three letters at least?
 * Snowball deletes these endings as a verb's, so « important » has the
 * stem of « import » and « importer », « donnant » that of « données ». */
static int morph_present_participle(const char *form, size_t len)
{
    static const char *const ends[] = {"ant", "ante", "ants", "antes"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i]);
        if (len >= k + 3 && memcmp(form + len - k, ends[i], k) == 0)
            return 1;
    }
    return 0;
}

/* Marks in weak[] the forms f[] of a word typed as typed (unaccented) that
 * are participles of its stem when the word typed cannot be one: Snowball
 * gives « signes » and « signée » one stem, and a convention « signée »
 * says nothing of the signs of trafficking; nor does « une étape
 * importante » of an « import », or « en donnant » of « données »
 * (present participles and their adjectives: a word typed so, « courant »,
 * « enfants », has its own forms). A word typed without accents
 * that may be a participle (« exploite » for « exploité », whose forms
 * « exploité », « exploités », « exploitée » fold to it with at most an e
 * or an s more) has none weak, nor has a word whose forms are all
 * participles. */
void morph_weak_forms(const piece_forms *f, const char *typed, int mark, int *weak)
{
    size_t nweak = 0;
    for (size_t i = 0; i < f->n; i++) {
        size_t len = strlen(f->v[i]);
        weak[i] =
            morph_participle(f->v[i], len) || morph_present_participle(f->v[i], len) ? mark : 0;
        if (!weak[i])
            continue;
        char *fold = analyzer_fold(f->v[i], len, NULL);
        size_t tl = strlen(typed);
        int same = fold && strncmp(fold, typed, tl) == 0 &&
                   (!fold[tl] || !strcmp(fold + tl, "e") || !strcmp(fold + tl, "s") ||
                    !strcmp(fold + tl, "es"));
        free(fold);
        if (same) {
            memset(weak, 0, f->n * sizeof *weak);
            return;
        }
        nweak++;
    }
    if (nweak == f->n)
        memset(weak, 0, f->n * sizeof *weak);
}

/* Writes to key (size bytes) the vocabulary key (vocab.h) of the word a
 * one-word piece ("!stem|...") derives from or to by « -age », a related
 * word Snowball does not join to it, and returns its length, or 0:
 * « piratage » ("piratag") and « pirater » ("pirat"), « affichage » and
 * « afficher », « repérage » and « repérer ». Only stems of at least
 * MORPH_DERIVE_MIN letters without the « ag »: « visage » is not « viser »,
 * « message » not « messe », « garage » not « gare ». */
static size_t morph_derived_key(const char *piece, char *key, size_t size)
{
    if (piece[0] != ANALYZER_VERBATIM)
        return 0;
    const char *stem = piece + 1;
    size_t len = piece_first_alt(stem);
    if (len + 3 > size)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)stem[i] < 'a' || (unsigned char)stem[i] > 'z') &&
            !((unsigned char)stem[i] & 0x80))
            return 0;
    memcpy(key, stem, len);
    size_t klen = len + 2, base = len;
    if (len >= 2 && memcmp(stem + len - 2, "ag", 2) == 0)
        klen = base = len - 2;
    else
        memcpy(key + len, "ag", 2);
    key[klen] = '\0';
    return text_utf8_chars(key, base) < MORPH_DERIVE_MIN ? 0 : klen;
}

/* Has f a form of a verb: an infinitive in -er or a participle? */
static int morph_verb_forms(const piece_forms *f)
{
    for (size_t i = 0; i < f->n; i++) {
        size_t len = strlen(f->v[i]);
        if ((len > 2 && memcmp(f->v[i] + len - 2, "er", 2) == 0) || morph_participle(f->v[i], len))
            return 1;
    }
    return 0;
}

/* Does the one-word piece, of index forms own, reach its derived word,
 * key[0..klen) (morph_derived_key)? Only when the index has forms of both and the side
 * without « ag » has a verb's (« pirater », « piraté »): « avantage » does
 * not reach « avant », nor « personne » « personnage ». */
static int morph_derive_ok(const piece_forms *own, const char *key, size_t klen,
                           const piece_vocab *v)
{
    piece_forms other = {.n = 0};
    v->forms(v->ctx, key, klen, 0, piece_forms_add, &other);
    int reverse = klen < 2 || memcmp(key + klen - 2, "ag", 2) != 0;
    int ok = own->n > 0 && other.n > 0 && morph_verb_forms(reverse ? &other : own);
    piece_forms_free(&other);
    return ok;
}

size_t morph_age_key(const char *piece, const piece_forms *own, const piece_vocab *v, char *key,
                     size_t size)
{
    size_t klen = morph_derived_key(piece, key, size);
    return klen > 0 && morph_derive_ok(own, key, klen, v) ? klen : 0;
}

/* Verb and action-noun endings French derives one from the other and
 * Snowball stems apart (« vérifier » "vérifi", « vérification » "vérif"),
 * with the fewest characters before them: « mettre » is not « mission »,
 * nor « aller » « allure ». Written from French morphology; a pair holds
 * only when the index has the word it makes (morph_derived_words). */
typedef struct {
    const char *verb, *noun;
    size_t min; /* characters before the ending */
} morph_derivation;

/* clang-format off */
static const morph_derivation morph_derivations[] = {
    {"ier", "ication", 3},   /* vérifier, publier, planifier */
    {"iquer", "ication", 3}, /* appliquer, communiquer */
    {"\xC3\xA9" "er", "\xC3\xA9" "ation", 2}, /* créer */
    {"er", "ation", 4},      /* migrer (Snowball joins most) */
    {"nir", "nition", 1},    /* définir, finir (not « partir »/« partition ») */
    {"lir", "lition", 3},    /* démolir, abolir */
    {"uire", "uction", 2},   /* réduire, produire, construire */
    {"imer", "ession", 3},   /* supprimer, imprimer, exprimer */
    {"oser", "osition", 2},  /* transposer, composer, proposer (session 33) */
    {"iger", "ection", 3},   /* corriger, diriger */
    {"\xC3\xA9" "rer", "ertion", 3}, /* insérer */
    {"vertir", "version", 2}, /* convertir */
    {"crire", "cription", 1}, /* décrire, inscrire */
    {"crire", "criture", 1},  /* écrire */
    {"\xC3\xA9" "crire", "escription", 1}, /* décrire */
    {"ionner", "ion", 3},    /* sélectionner */
    {"er", "eture", 4},      /* fermer */
    {"er", "ure", 4},        /* couper, blesser */
    {"uter", "ution", 2},    /* exécuter */
    {"uer", "ution", 3},     /* attribuer, distribuer, évoluer */
    {"oudre", "olution", 1}, /* résoudre */
    {"ettre", "ission", 2},  /* transmettre, émettre (not « mettre ») */
    {"cevoir", "ception", 3}, /* concevoir, percevoir */
    {"ecter", "exion", 3},   /* connecter, déconnecter */
    {"ondre", "onse", 2},    /* répondre */
    {"traire", "traction", 1}, /* extraire, soustraire, distraire */
    {"dire", "diction", 3},  /* interdire, prédire */
    {"rompre", "ruption", 2}, /* interrompre, corrompre */
    {"clure", "clusion", 1}, /* inclure, exclure, conclure */
    {"oindre", "onction", 1}, /* joindre, adjoindre */
    {"qu\xC3\xA9" "rir", "quisition", 2}, /* acquérir */
    /* Irregular: a closed list. */
    {"oisir", "oix", 2},     /* choisir */
    {"lire", "lecture", 0},  /* lire, relire */
    {"ouvrir", "ouverture", 0}, /* ouvrir, couvrir */
    {"recevoir", "r\xC3\xA9" "ception", 0},
};

/* An agent noun in « -eur » reaches the action noun in « -age » of the
 * same verb, not the other way (session 29, r29, after batch 29): the
 * « débogueur » is the « débogage »'s tool (Snowball: "debogueur",
 * "debogag"; the « gu » of « -gueur » is the « g » of « -gage »:
 * morph_derived_make). Not to the verb itself, measured on 30 sets:
 * both ways 10 up, 7 down (« gravées » reached « graveur », a CD
 * burner, « compter » « compteur »), from the noun only 4 up, 3 down
 * (« solveur » reached the English « solver », « travailleurs »
 * « travailler »); this row alone 1 up, 1 down (docs/ANALYSIS.md). */
static const morph_derivation morph_agent_derivations[] = {
    {"age", "eur", 3}, /* débogueur / débogage */
};
/* clang-format on */

#define MORPH_MAX_DERIVED 4 /* derived keys of one word */

/* Does s[0..len) end with end, after at least min characters (*before
 * bytes)? */
int morph_ends(const char *s, size_t len, const char *end, size_t min, size_t *before)
{
    size_t k = strlen(end);
    if (len < k || memcmp(s + len - k, end, k) != 0 || text_utf8_chars(s, len - k) < min)
        return 0;
    *before = len - k;
    return 1;
}

/* Has f the word w[0..len), or its plural, or (an -er verb) its participle?
 * With any_ir, an -ir verb counts by any form of it (« assombri »,
 * « assombrit »: pages write the infinitive less than those). */
static int morph_forms_have(const piece_forms *f, const char *w, size_t len, int any_ir)
{
    if (any_ir && len > 4 && memcmp(w + len - 2, "ir", 2) == 0)
        for (size_t i = 0; i < f->n; i++)
            if (strncmp(f->v[i], w, len - 1) == 0)
                return 1;
    int er = len > 2 && memcmp(w + len - 2, "er", 2) == 0;
    for (size_t i = 0; i < f->n; i++) {
        size_t fl = strlen(f->v[i]);
        if (fl >= len - (er ? 2 : 0) && memcmp(f->v[i], w, len - (er ? 2 : 0)) == 0) {
            const char *rest = f->v[i] + len - (er ? 2 : 0);
            if (er ? (!strcmp(rest, "er") || !strcmp(rest, "\xC3\xA9"))
                   : (fl == len || !strcmp(rest, "s")))
                return 1;
        }
    }
    return 0;
}

/* Adds to keys ("a|b", klen bytes) the stem of the word w[0..len) the
 * derivation makes, when the index has that word and the stem is new. */
static void morph_derived_try(buf *keys, size_t *nkeys, buf *tried, const char *w, size_t len,
                              const char *piece, const piece_vocab *v, int any_ir)
{
    /* Each word made once: the forms of a verb make the same noun. */
    if (tried->len > 0 && piece_has(tried->data, tried->len, w, len))
        return;
    if (tried->len > 0)
        buf_putc(tried, ANALYZER_ALTERNATIVE);
    buf_append(tried, w, len);
    analyzer_keyset ks;
    analyzer_keys(w, len, &ks);
    char key[256];
    if (ks.stem_len == 0 || ks.stem_len + 1 >= sizeof key || *nkeys >= MORPH_MAX_DERIVED ||
        (keys->len > 0 && piece_has(keys->data, keys->len, ks.stem, ks.stem_len)))
        return;
    /* Not a stem the piece has already ("!stem"). */
    key[0] = ANALYZER_VERBATIM;
    memcpy(key + 1, ks.stem, ks.stem_len);
    if (piece_has(piece, strlen(piece), key, ks.stem_len + 1))
        return;
    memmove(key, key + 1, ks.stem_len);
    size_t klen = ks.stem_len;
    piece_forms f = {.n = 0};
    v->forms(v->ctx, key, klen, 0, piece_forms_add, &f);
    if (morph_forms_have(&f, w, len, any_ir)) {
        if (keys->len > 0)
            buf_putc(keys, ANALYZER_ALTERNATIVE);
        buf_append(keys, key, klen);
        (*nkeys)++;
    }
    piece_forms_free(&f);
}

/* Tries (morph_derived_try) the word stem[0..p) + end and, where French
 * spelling writes « g » before « a » and « o » and « gu » before « e » and
 * « i », its other spelling: « naviguer » / « navigation », « déboguer » /
 * « débogage », « débogage » / « débogueur ». */
static void morph_derived_make(buf *keys, size_t *nkeys, buf *tried, const char *stem, size_t p,
                               const char *end, const char *piece, const piece_vocab *v)
{
    char made[256];
    size_t el = strlen(end);
    if (p + el + 1 >= sizeof made)
        return;
    memcpy(made, stem, p);
    memcpy(made + p, end, el);
    morph_derived_try(keys, nkeys, tried, made, p + el, piece, v, 0);
    if (p >= 2 && stem[p - 2] == 'g' && stem[p - 1] == 'u' && (end[0] == 'a' || end[0] == 'o')) {
        memcpy(made + p - 1, end, el);
        morph_derived_try(keys, nkeys, tried, made, p - 1 + el, piece, v, 0);
    } else if (p >= 1 && stem[p - 1] == 'g' && (end[0] == 'e' || end[0] == 'i')) {
        made[p] = 'u';
        memcpy(made + p + 1, end, el);
        morph_derived_try(keys, nkeys, tried, made, p + 1 + el, piece, v, 0);
    }
}

/* Adjectives and the verbs French makes of them, most with a prefix
 * (parasynthetic verbs in a-, é-, en-, r(e)a-: « sombre » / « assombrir »,
 * « large » / « élargir », « riche » / « enrichir », « lent » /
 * « ralentir »; a few without: « noir » / « noircir », « chaud » /
 * « chauffer »), which Snowball stems apart: a person types the
 * adjective, a help page the verb (« la colonne s'élargit », « l'image
 * s'assombrit »). Written from general French morphology (colour, light,
 * size, weight, speed, texture), not from any query. Left out where the
 * verb's forms are another word's too: « court » / « raccourcir »
 * (« raccourci », a keyboard shortcut), « fin » / « finir » (« fin »,
 * the end); and « plein » / « remplir », measured out: « plein écran »
 * is a phrase of its own. */
typedef struct {
    const char *adj, *verb;
} morph_adjective_verb;

/* clang-format off */
static const morph_adjective_verb morph_adjective_verbs[] = {
    {"sombre", "assombrir"}, {"obscur", "obscurcir"}, {"clair", "\xC3\xA9" "claircir"},
    {"noir", "noircir"}, {"blanc", "blanchir"}, {"rouge", "rougir"}, {"jaune", "jaunir"},
    {"vert", "verdir"}, {"bleu", "bleuir"}, {"p\xC3\xA2" "le", "p\xC3\xA2" "lir"},
    {"grand", "agrandir"}, {"gros", "grossir"}, {"large", "\xC3\xA9" "largir"},
    {"\xC3\xA9" "troit", "r\xC3\xA9" "tr\xC3\xA9" "cir"}, {"long", "allonger"},
    {"\xC3\xA9" "pais", "\xC3\xA9" "paissir"}, {"mince", "amincir"}, {"plat", "aplatir"},
    {"rond", "arrondir"}, {"profond", "approfondir"}, {"lourd", "alourdir"},
    {"l\xC3\xA9" "ger", "all\xC3\xA9" "ger"}, {"lent", "ralentir"}, {"faible", "affaiblir"},
    {"fort", "renforcer"}, {"doux", "adoucir"}, {"dur", "durcir"}, {"souple", "assouplir"},
    {"froid", "refroidir"}, {"chaud", "chauffer"}, {"frais", "rafra\xC3\xAE" "chir"},
    {"riche", "enrichir"}, {"beau", "embellir"}, {"jeune", "rajeunir"}, {"vieux", "vieillir"},
    {"sale", "salir"}, {"petit", "rapetisser"},
};
/* clang-format on */

/* Is form an index form of the adjective adj (masculine or feminine,
 * singular or plural)? */
static int morph_adjective_form(const char *form, const char *adj)
{
    size_t n = strlen(adj);
    if (strncmp(form, adj, n) != 0)
        return 0;
    const char *rest = form + n;
    return !*rest || !strcmp(rest, "s") || !strcmp(rest, "e") || !strcmp(rest, "es");
}

/* Is form an index form of the verb (its letters before -ir or -er, four
 * or more, begin it: « assombrit », « agrandissement », « allongé »)? */
static int morph_verb_form(const char *form, const char *verb)
{
    size_t n = strlen(verb) - 2;
    return text_utf8_chars(verb, n) >= 4 && strncmp(form, verb, n) == 0;
}

/* Adds to keys the stems of the verbs and action nouns
 * (morph_derivations) the index forms f of the one-word piece derive from
 * or to: « supprimer » and « supprimé » reach « suppression », which
 * reaches « supprimer ». */
void morph_derived_words(const char *piece, const piece_forms *f, const piece_vocab *v, buf *keys)
{
    size_t nkeys = 0;
    buf tried = BUF_INIT;
    for (size_t i = 0; i < f->n; i++) {
        const char *w = f->v[i];
        size_t len = strlen(w);
        if (len == 0)
            continue;
        /* An adjective and its verb (morph_adjective_verbs), either way. */
        for (size_t r = 0; r < sizeof morph_adjective_verbs / sizeof morph_adjective_verbs[0];
             r++) {
            const morph_adjective_verb *d = &morph_adjective_verbs[r];
            if (w[0] != d->adj[0] && w[0] != d->verb[0])
                continue;
            if (morph_adjective_form(w, d->adj))
                morph_derived_try(keys, &nkeys, &tried, d->verb, strlen(d->verb), piece, v, 1);
            else if (morph_verb_form(w, d->verb))
                morph_derived_try(keys, &nkeys, &tried, d->adj, strlen(d->adj), piece, v, 0);
        }
        char inf[256];
        /* The infinitive of a participle in -é(e)(s), the singular of a
         * noun in -s. */
        size_t base = len;
        if (base > 0 && w[base - 1] == 's')
            base--;
        if (base > 0 && w[base - 1] == 'e')
            base--;
        int part = base >= 2 && memcmp(w + base - 2, "\xC3\xA9", 2) == 0 && base + 1 < sizeof inf;
        size_t ilen = 0;
        if (part) {
            memcpy(inf, w, base - 2);
            memcpy(inf + base - 2, "er", 2);
            ilen = base;
        }
        size_t sing = len > 1 && w[len - 1] == 's' ? len - 1 : len;
        /* Every verb ending ends in r or e, every noun ending in n, e,
         * r or x: most forms try no ending. */
        char last = w[len - 1], nlast = w[sing - 1];
        if (last != 'r' && last != 'e' && !part && nlast != 'n' && nlast != 'e' && nlast != 'r' &&
            nlast != 'x')
            continue;
        size_t nd = sizeof morph_derivations / sizeof morph_derivations[0];
        size_t na = sizeof morph_agent_derivations / sizeof morph_agent_derivations[0];
        for (size_t r = 0; r < nd + na; r++) {
            int agent = r >= nd;
            const morph_derivation *d =
                agent ? &morph_agent_derivations[r - nd] : &morph_derivations[r];
            size_t p;
            /* Verb to noun: its infinitive, typed or of its participle. */
            for (int k = 0; k < 2 && !agent; k++) {
                const char *vb = k ? inf : w;
                size_t vl = k ? ilen : len;
                if (vl == 0 || !morph_ends(vb, vl, d->verb, d->min, &p))
                    continue;
                morph_derived_make(keys, &nkeys, &tried, vb, p, d->noun, piece, v);
            }
            /* Noun to verb. */
            if (morph_ends(w, sing, d->noun, d->min, &p))
                morph_derived_make(keys, &nkeys, &tried, w, p, d->verb, piece, v);
        }
    }
    buf_free(&tried);
}

/* What test(forms, arg) says of the index forms of the key (vocab.h)
 * key[0..len): the helpers below ask whether there are any, whether they
 * are a verb's, whether one ends a given way. */
static int morph_key_test(const piece_vocab *v, const char *key, size_t len,
                          int (*test)(const piece_forms *f, const char *arg), const char *arg)
{
    piece_forms f = {.n = 0};
    v->forms(v->ctx, key, len, 0, piece_forms_add, &f);
    int r = test(&f, arg);
    piece_forms_free(&f);
    return r;
}

static int morph_any_form(const piece_forms *f, const char *arg)
{
    (void)arg;
    return f->n > 0;
}

/* Does the index have forms for the key (vocab.h) key[0..len)? */
static int morph_key_has_forms(const piece_vocab *v, const char *key, size_t len)
{
    return morph_key_test(v, key, len, morph_any_form, NULL);
}

/* Words ending in -s or -x that are no plural of the stem without it, the
 * index having forms of both: « mois » is not « moi »s, « prix » « pri »
 * (prier), « mais » « mai », « paris » « pari », « plus » « plu »
 * (pleuvoir). Stems (folded, unaccented as typed). */
static int morph_invariable(const char *s, size_t len)
{
    static const char *const words[] = {"bras",  "ceux",   "deux",  "dessous", "dessus", "doux",
                                        "faux",  "fois",   "frais", "gras",    "jamais", "mais",
                                        "mieux", "mois",   "paris", "plus",    "pris",   "repos",
                                        "sous",  "taux",   "tous",  "vieux",   "nous",   "vous",
                                        "puis",  "depuis", "gros",  "corpus",  "virus",  "bonus"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
            return 1;
    return 0;
}

/* Is body[0..len) (a stem) ended by a plural mark Snowball keeps: an « s »
 * after a, i or o (« cinémas », « amis », « zéros »; after è or s it is
 * the word's: « succès », « stress »), or the « x » of « -aux », « -eux »,
 * « -oux » (« lieux », « bijoux »; « prix », « voix », « unix » are
 * singulars)? Not an s after u: invariable words crowd there (corpus,
 * virus, plus, sous, jus, refus), and « corrompus » for « corrompu » cost
 * heldout6's questions 0.008 (docs/ANALYSIS.md). */
static int morph_plural_end(const char *body, size_t len)
{
    if (len < 2)
        return 0;
    char last = body[len - 1], before = body[len - 2];
    if (last == 's')
        return before == 'a' || before == 'i' || before == 'o';
    return last == 'x' && before == 'u';
}

/* Is alt[0..n) a stem alternative, "!stem" or "%stem"? Its stem is then
 * (*body)[0..*len), and *mk the length of the marker a key made from it
 * keeps: the "%" is part of a "%" key, no "!" of a "!" one
 * (piece_alt_forms). */
static int morph_stem_alt(const char *alt, size_t n, const char **body, size_t *len, size_t *mk)
{
    if (n < 2 || (alt[0] != ANALYZER_VERBATIM && alt[0] != ANALYZER_FOLDED_STEM))
        return 0;
    *body = alt + 1;
    *len = n - 1;
    *mk = alt[0] == ANALYZER_FOLDED_STEM ? 1 : 0;
    return 1;
}

/* Appends to b the alternative of the word's other number for the
 * alternative alt[0..n) ("!stem" or "%stem"): a plural Snowball leaves
 * its s or x (« zéros », « lieux », « amis », morph_plural_end) reaches
 * its singular's key and a singular its plural's (stem + s after a, i, o;
 * + x after u), when the index has forms of both, the
 * singular's stem has three letters or more (« eu » is not « eux », « si »
 * not « six », « ça » not « cas ») and the plural is no invariable word
 * (morph_invariable). Returns whether it did. */
static int morph_plural_alt(buf *b, const char *alt, size_t n, const piece_vocab *v)
{
    const char *body;
    size_t len, mk;
    if (!morph_stem_alt(alt, n, &body, &len, &mk))
        return 0;
    char key[256];
    if (len + 2 > sizeof key)
        return 0;
    if (mk)
        key[0] = ANALYZER_FOLDED_STEM;
    if (morph_plural_end(body, len)) {
        if (text_utf8_chars(body, len - 1) < 3 || morph_invariable(body, len))
            return 0;
        memcpy(key + mk, body, len - 1);
        size_t klen = mk + len - 1;
        if (!morph_key_has_forms(v, alt + 1 - mk, len + mk) || !morph_key_has_forms(v, key, klen))
            return 0;
        buf_putc(b, ANALYZER_ALTERNATIVE);
        buf_putc(b, alt[0]);
        buf_append(b, body, len - 1);
        return 1;
    }
    if (text_utf8_chars(body, len) < 3 || !morph_key_has_forms(v, alt + 1 - mk, len + mk))
        return 0;
    char last = body[len - 1];
    char mark = last == 'u' ? 'x' : (last == 'a' || last == 'i' || last == 'o') ? 's' : 0;
    if (!mark)
        return 0;
    memcpy(key + mk, body, len);
    key[mk + len] = mark;
    if (morph_invariable(key + mk, len + 1) || !morph_key_has_forms(v, key, mk + len + 1))
        return 0;
    buf_putc(b, ANALYZER_ALTERNATIVE);
    buf_putc(b, alt[0]);
    buf_append(b, key + mk, len + 1);
    return 1;
}

static int morph_verb_of(const piece_forms *f, const char *arg)
{
    (void)arg;
    return f->n > 0 && morph_verb_forms(f);
}

/* Does the key[0..len) lead to the forms of a verb (morph_verb_forms)? */
static int morph_key_verb(const piece_vocab *v, const char *key, size_t len)
{
    return morph_key_test(v, key, len, morph_verb_of, NULL);
}

/* Appends to b the alternative of a verb's other person for alt[0..n)
 * ("!stem" or "%stem"): Snowball leaves the « -ent » of the third person
 * plural (« chevauchent », « s'affichent », « fonctionnent » are their own
 * stems), so « les notes se chevauchent » never met « chevaucher » nor
 * « chevauchement ». A stem in -ent reaches the stem without it and a
 * verb's stem the one with it, when both lead to forms, the verb's side
 * to a verb's (an infinitive in -er, a participle), and that stem has
 * MORPH_PERSON_MIN letters or more: « parent » is not « parer », « agent »
 * not « agir ». A stem in -ent the index lacks reaches its verb all the
 * same. Returns whether it did. */
static int morph_person_alt(buf *b, const char *alt, size_t n, const piece_vocab *v)
{
    const char *body;
    size_t len, mk;
    if (!morph_stem_alt(alt, n, &body, &len, &mk))
        return 0;
    char key[256];
    if (len + 4 > sizeof key)
        return 0;
    if (mk)
        key[0] = ANALYZER_FOLDED_STEM;
    const char *own = alt + 1 - mk;
    size_t ownlen = len + mk, klen;
    if (len > 3 && memcmp(body + len - 3, "ent", 3) == 0) {
        /* The -ent form itself need not be in the index: « recalculent »
         * typed over pages that say « recalcule », « recalculées » is
         * that verb, not a word to correct. */
        klen = morph_person_verb(v, own, ownlen);
        if (klen == 0)
            return 0;
        memcpy(key, own, klen);
    } else {
        if (text_utf8_chars(body, len) < MORPH_PERSON_MIN)
            return 0;
        memcpy(key + mk, body, len);
        memcpy(key + mk + len, "ent", 3);
        klen = mk + len + 3;
        if (!morph_key_has_forms(v, key, klen) || !morph_key_verb(v, own, ownlen))
            return 0;
    }
    buf_putc(b, ANALYZER_ALTERNATIVE);
    buf_putc(b, alt[0]);
    buf_append(b, key + mk, klen - mk);
    return 1;
}

size_t morph_person_verb(const piece_vocab *v, const char *stem, size_t len)
{
    size_t mk = len > 0 && stem[0] == ANALYZER_FOLDED_STEM;
    if (!v || len <= mk + 3 || memcmp(stem + len - 3, "ent", 3) != 0 ||
        text_utf8_chars(stem + mk, len - mk - 3) < MORPH_PERSON_MIN ||
        !morph_key_verb(v, stem, len - 3))
        return 0;
    return len - 3;
}

static int morph_form_ends(const piece_forms *f, const char *end)
{
    size_t k = strlen(end);
    for (size_t i = 0; i < f->n; i++) {
        size_t fl = strlen(f->v[i]);
        if (fl >= k && memcmp(f->v[i] + fl - k, end, k) == 0)
            return 1;
    }
    return 0;
}

/* Has the index a form of the key[0..len) ending with end? */
static int morph_key_form_ends(const piece_vocab *v, const char *key, size_t len, const char *end)
{
    return morph_key_test(v, key, len, morph_form_ends, end);
}

/* Appends to b the alternatives of the other forms of a verb in -dre or
 * -ttre for alt[0..n) ("!stem" or "%stem"), which Snowball stems four
 * ways: « répondre » "répondr", « répond » "répond", « répondent »
 * "répondent", « répondu » "répondu" (« mettre » "mettr", « met » "met",
 * « mettent » "mettent"); « que faire si gimp ne répond plus » never met
 * « répondre ». The root (« répond », « mett ») has MORPH_PERSON_MIN
 * letters or more and the index has the infinitive (a form of root + r
 * in -dre, -ttre): « commande » is no verb « commandre ». The same for
 * « reconnaître » / « reconnaît » / « reconnu », « devenir » / « devient »
 * / « devenu », « rejoindre » / « rejoint », « construire » / « construit »,
 * « écrire » / « écrit », « inclure » / « inclut » moved only
 * tests/relevance questions 0.9173 -> 0.9146 and heldout4's 0.7486 ->
 * 0.7458, down (« comment reconnaître une victime de traite ? » 0.916 ->
 * 0.882: « reconnu » is another sense). Returns whether it added one. */
static int morph_re_verb_alt(buf *b, const char *alt, size_t n, const piece_vocab *v)
{
    const char *body;
    size_t len, mk, rl;
    if (!morph_stem_alt(alt, n, &body, &len, &mk))
        return 0;
    char root[256], key[260];
    if (len + 3 > sizeof root)
        return 0;
    size_t p;
    memcpy(root, body, len);
    if (morph_ends(body, len, "dr", 1, &p) || morph_ends(body, len, "ttr", 1, &p) ||
        morph_ends(body, len, "du", 1, &p))
        rl = len - 1;
    else if (morph_ends(body, len, "dent", 1, &p) || morph_ends(body, len, "ttent", 1, &p))
        rl = len - 3;
    else if (morph_ends(body, len, "dus", 1, &p))
        rl = len - 2;
    else if (morph_ends(body, len, "d", 1, &p))
        rl = len;
    else if (morph_ends(body, len, "et", 1, &p)) {
        root[len] = 't'; /* « met », « permet » */
        rl = len + 1;
    } else
        return 0;
    int dre = root[rl - 1] == 'd';
    if (!dre && (rl < 2 || root[rl - 1] != 't' || root[rl - 2] != 't'))
        return 0;
    if (text_utf8_chars(root, rl) < MORPH_PERSON_MIN)
        return 0;
    key[0] = ANALYZER_FOLDED_STEM;
    memcpy(key + mk, root, rl);
    key[mk + rl] = 'r';
    if (!morph_key_form_ends(v, key, mk + rl + 1, dre ? "dre" : "ttre"))
        return 0;
    /* The infinitive, the singular, the plural, the participle. */
    const char *adds[] = {"r", "", "ent", "u", "us"};
    int added = 0;
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
        size_t al = strlen(adds[i]), kl = rl;
        if (!dre && i >= 3)
            break;
        if (!dre && i == 1)
            kl--; /* « met » */
        memcpy(key + mk, root, kl);
        memcpy(key + mk + kl, adds[i], al);
        kl += mk + al;
        char mark[262];
        mark[0] = alt[0];
        memcpy(mark + 1, key + mk, kl - mk);
        if ((kl - mk == len && memcmp(key + mk, body, len) == 0) ||
            piece_has(b->data, b->len, mark, kl - mk + 1) || !morph_key_has_forms(v, key, kl))
            continue;
        buf_putc(b, ANALYZER_ALTERNATIVE);
        buf_append(b, mark, kl - mk + 1);
        added = 1;
    }
    return added;
}

/* Is the form w[0..len) one side of a number pair to leave alone: a word
 * of fewer than three letters (« bu » / « bus », « sa » / « sas »), a
 * function word or a word that says little, as little (the caller's:
 * grammar.c's word lists) tells (« moi » / « mois », « soi » /
 * « sois », « par » / « pars »), or an invariable word (morph_invariable:
 * « mai » / « mais », « plu » / « plus »)? Read unaccented. */
static int morph_number_shy(const char *w, size_t len, int (*little)(const char *word))
{
    char bare[64];
    analyzer_keyset k;
    analyzer_keys(w, len, &k);
    const char *s = k.fold_len > 0 ? k.fold : w;
    size_t n = k.fold_len > 0 ? k.fold_len : len;
    if (text_utf8_chars(s, n) < 3)
        return 1;
    if (n >= sizeof bare) /* no function word is that long */
        return 0;
    memcpy(bare, s, n);
    bare[n] = '\0';
    return morph_invariable(bare, n) || little(bare);
}

/* Adds to b "=o" for the form o, the other number of the form w[0..len)
 * (morph_number_alts), when the index has o under a key other than w's. */
static void morph_number_try(buf *b, const piece_forms *own, const char *w, size_t len,
                             const char *o, size_t olen, const piece_vocab *v,
                             int (*little)(const char *word))
{
    char wstem[256];
    analyzer_keyset k;
    analyzer_keys(w, len, &k);
    if (k.stem_len >= sizeof wstem)
        return;
    size_t wl = k.stem_len;
    memcpy(wstem, k.stem, wl);
    analyzer_keys(o, olen, &k);
    if (k.stem_len == 0 || (k.stem_len == wl && memcmp(k.stem, wstem, wl) == 0))
        return;
    for (size_t i = 0; i < own->n; i++)
        if (strlen(own->v[i]) == olen && memcmp(own->v[i], o, olen) == 0)
            return;
    char mark[258];
    mark[0] = ANALYZER_EXACT;
    if (olen + 1 >= sizeof mark)
        return;
    memcpy(mark + 1, o, olen);
    if (piece_has(b->data, b->len, mark, olen + 1))
        return;
    piece_forms f = {.n = 0};
    v->forms(v->ctx, k.stem, k.stem_len, 0, piece_forms_add, &f);
    int has = 0;
    for (size_t i = 0; i < f.n && !has; i++)
        has = strlen(f.v[i]) == olen && memcmp(f.v[i], o, olen) == 0;
    piece_forms_free(&f);
    if (!has || morph_number_shy(o, olen, little))
        return;
    buf_putc(b, ANALYZER_ALTERNATIVE);
    buf_append(b, mark, olen + 1);
}

/* Appends to b ("!stem|…", the piece of the word typed word, unaccented)
 * the exact forms of the other number of the word's spellings among the
 * forms its alternatives reach, where Snowball stems the two apart and
 * the index has both: « menus » (an s after u, kept) for « menu »,
 * « permission » ("permiss") for « permissions » ("perm"), « entiers »
 * for « entier », « petits » for « petit », « travaux » for « travail ».
 * The form, not its key: « permissions »'s key is also « permis »'s. The
 * word's spellings only, not every form of its stem: « délai » and
 * « délit » share "del", and « délits » is no number of « délai ».
 * Plural: an s, an x after au, eu, ou, -aux for -al, -ail, -au; singular
 * the other way. Neither side may be a short, function or invariable word
 * (morph_number_shy). */
static void morph_number_alts(buf *b, const char *word, const piece_vocab *v,
                              int (*little)(const char *word))
{
    piece_forms own;
    piece_forms_of(b->data, 0, NULL, v, &own);
    char o[260];
    size_t wordlen = strlen(word);
    for (size_t i = 0; i < own.n; i++) {
        const char *w = own.v[i];
        size_t len = strlen(w), p;
        if (len + 3 >= sizeof o || len < 3)
            continue;
        analyzer_keyset k;
        analyzer_keys(w, len, &k);
        if (k.fold_len > 0 ? k.fold_len != wordlen || memcmp(k.fold, word, wordlen) != 0
                           : len != wordlen || memcmp(w, word, wordlen) != 0)
            continue;
        char last = w[len - 1];
        int shy = -1; /* morph_number_shy(w), computed at the first candidate */
        const char *ends[3];
        size_t cut = len, nends = 0;
        if (morph_ends(w, len, "aux", 3, &p)) {
            cut = p;
            ends[nends++] = "al";
            ends[nends++] = "ail";
            ends[nends++] = "au";
        } else if (last == 'x' &&
                   (morph_ends(w, len, "eux", 1, &p) || morph_ends(w, len, "oux", 1, &p) ||
                    morph_ends(w, len, "aux", 1, &p))) {
            cut = len - 1;
            ends[nends++] = "";
        } else if (last == 's' && w[len - 2] != 's') {
            cut = len - 1;
            ends[nends++] = "";
        } else if (last != 's' && last != 'x' && last != 'z') {
            ends[nends++] = "s";
            if (morph_ends(w, len, "al", 3, &p) || morph_ends(w, len, "ail", 3, &p)) {
                cut = p;
                ends[nends++] = "aux";
            } else if (morph_ends(w, len, "au", 1, &p) || morph_ends(w, len, "eu", 1, &p) ||
                       morph_ends(w, len, "ou", 1, &p))
                ends[nends++] = "x";
        }
        for (size_t e = 0; e < nends; e++) {
            size_t keep = ends[e][0] == 's' || ends[e][0] == 'x' ? len : cut;
            size_t el = strlen(ends[e]);
            memcpy(o, w, keep);
            memcpy(o + keep, ends[e], el);
            if (shy < 0)
                shy = morph_number_shy(w, len, little);
            if (shy)
                break;
            morph_number_try(b, &own, w, len, o, keep + el, v, little);
        }
    }
    piece_forms_free(&own);
}

/* The piece with the alternatives of its other number (morph_plural_alt)
 * added, or NULL when it has none. */
char *morph_plural_piece(const char *piece, const char *word, const piece_vocab *v,
                         int (*little)(const char *word))
{
    buf b = BUF_INIT;
    buf_puts(&b, piece);
    size_t plen = strlen(piece);
    int added = 0;
    piece_alt_iter it = piece_alt_iter_of(piece, plen);
    const char *p;
    size_t n;
    while (piece_alt_next(&it, &p, &n))
        added |= morph_plural_alt(&b, p, n, v) | morph_person_alt(&b, p, n, v) |
                 morph_re_verb_alt(&b, p, n, v);
    size_t had = b.len;
    if (word && v->numbers)
        morph_number_alts(&b, word, v, little);
    added |= b.len > had;
    if (!added) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}
