/* query: turns what a person types into a search box into a tree, then into
 * safe FTS5 MATCH expressions. Never fails on odd input: stray quotes,
 * parentheses, NEAR(, lone operators and invalid UTF-8 are read as text.
 * Syntax: words (all required, any order), "exact phrase", -word (exclude),
 * word* (prefix, of 3 letters at least: « ex* » is the word « ex »), OR
 * (or OU) between words. Synonyms expand at query time. */
#ifndef REPERE_QUERY_H
#define REPERE_QUERY_H

#include <stddef.h>

#include "buf.h"
#include "expr.h"
#include "piece.h"
#include "synonyms.h"

#define QUERY_MAX_TERMS 32   /* analysed words kept; the rest is ignored */
#define QUERY_MAX_BYTES 4096 /* bytes of input read; the rest is ignored */

enum {
    QUERY_OK = 0,
    QUERY_EMPTY = 1, /* nothing searchable (only punctuation, only exclusions…) */
};

typedef struct query query;

/* Parses text[0..len). syn may be NULL. On QUERY_OK *out is set (free with
 * query_free); on QUERY_EMPTY *out is NULL and err says why in plain words. */
int query_parse(const char *text, size_t len, const synonyms *syn, query **out, char *err,
                size_t errlen);
/* The same, and a word alone that no group of syn has looks in extra's
 * groups too (a query's own, search.c: the long forms of initials no page
 * defines, initials.h). extra may be NULL. */
int query_parse_with(const char *text, size_t len, const synonyms *syn, const synonyms *extra,
                     query **out, char *err, size_t errlen);
void query_free(query *q);

/* Number of positive clauses (a word, a phrase, an OR group, a prefix). */
size_t query_clauses(const query *q);

/* Is q a question (ending with '?', starting with an interrogative:
 * comment, pourquoi, quand, combien, quel…, « où », « est-ce », « qu'est-ce »
 * with or without apostrophe and hyphen, or opening a later clause with
 * one, « …, que faire », or inverting a verb and its subject pronoun
 * anywhere, « peut-elle », « a-t-il »)? Its function words are then
 * not clauses, and the search ranks documents by how many of its clauses
 * they have rather than requiring them all (search.c). */
int query_is_question(const query *q);

/* Does q ask what a word means (« que veut dire MIPROF ? », « que signifie
 * … », « qu'est-ce que … », « définition de … »)? */
int query_asks_what_means(const query *q);

/* The term such a question asks about, its words unaccented and apart by
 * spaces (« qu'est-ce qu'un lover boy ? »: "lover boy"; « … flottant dans
 * lyx ? »: "flottant"), or NULL. Owned by q. */
const char *query_defined_term(const query *q);

/* Was q typed with the query language's operators: an exclusion (-mot), a
 * "phrase", OR or a prefix (mot*)? Such a query asks for exactly what it
 * says: search.c lists no partial matches after its documents. */
int query_has_operators(const query *q);

/* Does a clause of q stand for two or more words typed that a synonym group
 * joined (« sticky notes » and its row « note adhésive », « pense-bête »:
 * one clause, an OR whose typed side has both words), q being typed
 * without operators? When no document has that clause, search.c reads
 * the words apart. */
int query_joins_words(const query *q);

/* Number of positive clauses that are not one word saying little alone
 * (« une », « de », « à », « tout », « plus »: the question's function
 * words and the weak words of snippet.c's query_term.common). */
size_t query_content_clauses(const query *q);

/* Number of content words typed in those clauses: a phrase of a synonym
 * group typed whole (« ordre du jour ») counts its words, not one. */
size_t query_content_words(const query *q);

/* Drops those clauses, unless every clause is one (then q is unchanged):
 * search.c's partial matches are the documents with some of the content
 * words, ranked by how many they have, not by « une » or « à ». */
void query_drop_common(query *q);

/* A compiled query: the FTS5 MATCH expression, its terms (what each stands
 * for) and which term each of its phrases belongs to, so that the ranking
 * functions (rank.c) and the marks (marks.c) read FTS5's phrase numbers
 * without parsing the expression, and its shape (split.c). A term is a word (its forms, each a
 * phrase, OR-ed), a phrase of words, or a prefix. */
typedef enum {
    QUERY_PHRASE_MATCH,  /* a term of a positive clause */
    QUERY_PHRASE_EXACT,  /* the exact forms of a word or phrase (query_fts_exact) */
    QUERY_PHRASE_RUN,    /* AND-ed words taken as one phrase */
    QUERY_PHRASE_FILTER, /* only keeps the match set: exclusions, the repeated clause */
} query_phrase_kind;

typedef struct {
    int clause; /* the positive clause (0 <= clause < nclauses) it belongs to, or -1 */
    query_phrase_kind kind;
    int pair;       /* AND-ed to the term just before it inside its clause (a
                     * synonym side's words): the two count as neighbours */
    int exact_too;  /* a match term that is also its word's exact forms (a
                     * function word: written once, counted for both) */
    int function;   /* a match term made of the commonest function words only
                     * (« de », « des », « la »…): a passage showing only such
                     * words shows nothing of the query (snippet.c) */
    int common;     /* a match term of one word typed that a question passes
                     * over (« vous », « peut », « cela », « avec ») or that
                     * says little alone (« lors », « tout », « même »): a
                     * passage showing only such words says little of the
                     * query either (snippet.c) */
    int related;    /* a side of a "~" synonym group: a related word, not the
                     * one typed (rank.c weighs it less) */
    int label_only; /* the exact form of a question's interrogative
                     * (« pourquoi »), no clause: rank.c counts its hits in
                     * the titles and headings only (a page titled
                     * « Pourquoi … ? »), not the text's */
    int defining;   /* the exact-form phrase of a meaning question's term
                     * followed by « est » and a determiner (« le fichier PO -
                     * c'est le… »): the page that defines it; rank.c weighs
                     * it RANK_DEFINING_WEIGHT in the exact-form bm25 */
    int content;    /* the positions of its phrase that are not among the
                     * commonest function words (« de », « la », « à »):
                     * « protection judiciaire de la jeunesse » has 3 */
    int minor;      /* a match term of one preposition of place or time
                     * (« sous », « devant »): a word, but a passage showing
                     * it alone shows little of the query (snippet.c) */
    int first, n;   /* its FTS5 phrases: first .. first + n - 1; n is 0 for
                     * an exact-form term read off a word's own phrases
                     * (query_phrase.exact) or off a phrase's (of), which
                     * the expression does not write again */
    int of;         /* an exact-form phrase read off its word phrase: FTS5's
                     * phrase of that match term, whose hits are this term's
                     * where the check phrases (query_phrase.check) of the
                     * positions that differ stand too; -1 when not */
    char *text;     /* the term as the expression writes it: the same text is
                     * the same term (rank.c caches statistics by it) */
} query_term;

enum { QUERY_WEAK_POS = 1, QUERY_WEAK_KIN = 2 }; /* query_phrase.weak */

typedef struct {
    int term;  /* the term this FTS5 phrase is (a form of) */
    int weak;  /* 0, or QUERY_WEAK_POS: a form of its word in another part
                * of speech than the one typed (a participle, « signée »,
                * for « signes ») or of its other number that Snowball
                * stems apart (« menus » for « menu », query_lend), or
                * QUERY_WEAK_KIN: a form of the word's derived word, other
                * number or other person (« connexion » for « connecter »,
                * query_lend); rank.c weighs both as a
                * related word, and the second gives its clause in the
                * relaxed order as the word typed does */
    int exact; /* the exact-form term (n 0) this phrase's hits count for
                * too, being one of the forms typed, or -1 */
    int check; /* the exact-form term (query_term.of) this one-form phrase
                * checks, or -1: it stands at token at of that term's
                * phrase wherever the term has a hit */
    int at;
} query_phrase;

typedef struct {
    char *fts; /* the MATCH expression */
    /* Its shape, recorded as fts was written (expr.h): nodes[root] is the
     * whole expression, a phrase node's number is FTS5's (phrases[]), so
     * that split.c walks the tree instead of parsing fts again. */
    expr_node *nodes;
    int nnodes, root;
    query_term *terms; /* in the order the expression writes them */
    int nterms;
    query_phrase *phrases; /* phrases[i] is FTS5's phrase i */
    int nphrases;
    int nclauses;
    /* The clauses (bit c for clause c < 64) the relaxed order of a
     * question does not count (rank.c), though they match and score as
     * the others: the « faire » of a question opening with « que faire »
     * followed by other words (« que faire si les formules ne se
     * recalculent pas »), which the pages that answer rarely say, while
     * long pages say it in passing, the words that say little alone
     * (« plus », « tout », « même », « depuis ») and the prepositions of
     * place and time (« sous », « devant », « pendant »). */
    unsigned long long soft;
    /* The clause of a keyword query's head noun, typed after a definite
     * article (« l'ombre d'un objet »): a title that opens with it is the
     * page about it (rank.c, RANK_TITLE_HEAD); -1 when none. */
    int head;
    /* The clauses of one word typed that says little alone (« autre »,
     * « même », « plus », « depuis »: grammar_weak_words, or a question's
     * function word) and a question's light verbs before a word
     * (« faire », « rendre »): a title's span does not need them
     * (rank.c). */
    unsigned long long little;
    /* The two clauses of a question's « entre A et B » (« différence
     * entre prefork et worker ? »): the relaxed order of a question counts
     * a row with one of them as having both (rank.c); 0 when none. */
    unsigned long long either;
} query_expr;

enum {
    QUERY_ALL = 0,     /* every positive clause required, no exclusion */
    QUERY_ANY = 1,     /* any positive clause (relaxed matching, best passage) */
    QUERY_SIGNALS = 2, /* also the exact-form phrases, as
                        * (base) AND ((exact) OR (runs) OR (dup)): the same rows,
                        * dup being an expression every row of base matches */
    QUERY_RUNS = 4,    /* with QUERY_SIGNALS: the AND-ed words as phrases
                        * (they cost a positional match) */
};

/* Where the compiler finds the index's word forms (vocab.c): piece.h's
 * piece_vocab, its numbers turned on for a second reading (search.c). */
typedef piece_vocab query_vocab;

/* A word typed without accents (« protegees ») gets the stems of its
 * accented spellings in the index (« protégées », « protégée »: "proteg",
 * where Snowball stems the bare word "protege"), so that it matches what
 * those spellings match: the index's own accents, not guessed ones. Only
 * positive words and phrases (an exclusion removes no more than its own
 * stems), not prefixes (their "~" beginnings already meet the accented
 * forms), not protected words (« traite ») nor the commonest function
 * words. Call it once after query_parse, before compiling; the marks
 * (query_token_clause) then know the stems lent too. Lookup errors lend
 * nothing. It also lets a word typed reach, as weak forms (query_phrase.weak),
 * the « -age » noun of its verb or the verb of its « -age » noun, which
 * Snowball stems apart (« piraté », « piratage »): only stems of 5 letters
 * or more, and when the index has a form of that verb (in -er, or a
 * participle), so « avantage » does not reach « avant ». A word typed as
 * an agent noun (« utilisateur »: « -ateur(s) », « -atrice(s) »), which
 * Snowball stems as its verb and action noun (« utiliser »,
 * « utilisation »), becomes the agent-noun forms of its stem in the index
 * in a phrase, an exclusion or a synonym side, and reaches the other
 * forms as weak forms when typed alone; when the index has no agent-noun
 * form of the stem it keeps them all. (query_parse already matches a
 * synonym side's agent noun only with an agent noun typed, and the other
 * way round.) */
void query_lend(query *q, const query_vocab *v);

/* Compiles q (flags: QUERY_ALL or QUERY_ANY, with QUERY_SIGNALS and
 * QUERY_RUNS), each word written as the forms of the index it matches,
 * found through v (at most 128 per word). Without v the words are written
 * as their keys, which match nothing in an index (for checking syntax).
 * Free with query_expr_free. */
query_expr *query_compile(const query *q, int flags, const query_vocab *v);
void query_expr_free(query_expr *e);

/* Makes the clauses of one word that is an acronym (typed in capitals,
 * « OQTF », or the short side of a synonym group whose other side has two
 * words or more, « oqtf ») required by q's relaxed expression (QUERY_ANY):
 * the rows that have them and any other clause. search.c's partial
 * matches after 4 to 9 documents with every word may miss a word, not an
 * acronym typed. */
void query_require_acronyms(query *q);

/* Does clause i, not a function word, come right after function words
 * typed before it (its determiner, its preposition: « un » of « supprimer
 * un calque », « de » and « la » of « couleur de la bulle »)? Only in a
 * keyword query, whose function words are clauses (not required). */
int query_has_attached(const query *q, size_t i);

/* Drops the function words typed just before each clause i < 64 whose
 * bit words has (query_has_attached), with their exact-form signals:
 * French writes a noun's determiner and preposition before it. search.c
 * drops those of a word no document has from the relaxed pass: every row
 * lacks that word alike, but its article, which nearly every page writes,
 * would count there as a clause the rows have. */
void query_drop_attached(query *q, unsigned long long words);

/* The FTS5 expression of q's clause i alone (0 <= i < query_clauses(q)),
 * required even when it is a function word. Caller frees. */
char *query_fts_clause(const query *q, size_t i, const query_vocab *v);

/* query_compile(q, QUERY_ALL, v)'s expression alone. Caller frees. */
char *query_fts_all(const query *q, const query_vocab *v);

/* The exact-form signal: an FTS5 expression OR-ing, for each positive word
 * and phrase, the phrase of its exact surface forms ("=traité", lowercase
 * with accents, as analyzer.h describes; a word typed without accents also
 * accepts its accented spellings: "=accompagnes|~accompagnes"). A document
 * matching it uses the very forms typed (« traité » and not only
 * « traitement »; « mineurs » and not only « mineur »): QUERY_SIGNALS adds
 * these phrases to a ranked expression. NULL when the query has no such
 * word (only prefixes). Caller frees. */
char *query_fts_exact(const query *q, const query_vocab *v);

/* Appends to b the index form form[0..len) as one FTS5 phrase of its
 * verbatim key ("!form", '"' doubled), as the expressions above write
 * each form of a word. */
void query_fts_form(buf *b, const char *form, size_t len);

/* Which positive clause a token of the document matches (as the analyzer
 * emits it in ANALYZER_WORDS mode, stems, surface forms and compound
 * wholes alike), or -1. Words reached through a synonym count for the
 * clause they expand (« mineurs » for a query « MNA »). Used to place
 * <mark>s: call it for every token at a position, colocated ones too. */
int query_token_clause(const query *q, const char *token, size_t len);

#endif
